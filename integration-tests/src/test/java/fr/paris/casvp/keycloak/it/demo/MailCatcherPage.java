package fr.paris.casvp.keycloak.it.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.text.StringEscapeUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A page where a person reads what the demo Keycloak sent: the list of mails
 * caught by GreenMail and each mail's text and HTML parts. Everything shown is
 * HTML-escaped; HTML bodies are rendered in a sandboxed iframe without scripts.
 */
final class MailCatcherPage implements AutoCloseable {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Europe/Paris"));

    private final GreenMail mail;
    private final HttpServer server;

    MailCatcherPage(GreenMail mail, String host, int port) throws IOException {
        this.mail = mail;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            MimeMessage[] messages = mail.getReceivedMessages();
            String body;
            int status = 200;
            if (path.equals("/")) {
                body = inbox(messages);
            } else if (path.matches("/message/\\d{1,6}")) {
                int index = Integer.parseInt(path.substring("/message/".length()));
                if (index < messages.length) {
                    body = message(messages[index]);
                } else {
                    status = 404;
                    body = page("Not found", "<p>No such message.</p><p><a href=\"/\">Back</a></p>");
                }
            } else {
                status = 404;
                body = page("Not found", "<p><a href=\"/\">Inbox</a></p>");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    private static String inbox(MimeMessage[] messages) throws MessagingException {
        StringBuilder rows = new StringBuilder();
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage m = messages[i];
            rows.append("<tr><td>").append(escape(when(m.getSentDate()))).append("</td><td>")
                    .append(escape(addresses(m))).append("</td><td><a href=\"/message/").append(i).append("\">")
                    .append(escape(Optional.ofNullable(m.getSubject()).orElse("(no subject)")))
                    .append("</a></td></tr>\n");
        }
        String table = messages.length == 0
                ? "<p>No mail yet. Mails sent by Keycloak (realm casvp) appear here; reload the page.</p>"
                : "<table><tr><th>Sent</th><th>To</th><th>Subject</th></tr>\n" + rows + "</table>";
        return page("CASVP demo mail catcher (" + messages.length + ")", table);
    }

    private static String message(MimeMessage m) throws MessagingException, IOException {
        String text = part(m, "text/plain").orElse("");
        String html = part(m, "text/html").orElse(null);
        StringBuilder body = new StringBuilder("<p><a href=\"/\">&larr; Inbox</a></p>");
        body.append("<p><b>From:</b> ").append(escape(join(m.getFrom()))).append("<br><b>To:</b> ")
                .append(escape(addresses(m))).append("<br><b>Sent:</b> ").append(escape(when(m.getSentDate())))
                .append("</p><h2>Text</h2><pre>").append(escape(text)).append("</pre>");
        if (html != null) {
            body.append("<h2>HTML</h2><iframe sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"")
                    .append(escape(html)).append("\"></iframe>");
        }
        return page(Optional.ofNullable(m.getSubject()).orElse("(no subject)"), body.toString());
    }

    private static Optional<String> part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = part(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String addresses(MimeMessage m) throws MessagingException {
        return join(m.getAllRecipients());
    }

    private static String join(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Object::toString)
                .collect(Collectors.joining(", "));
    }

    private static String when(Date date) {
        return date == null ? "" : WHEN.format(date.toInstant());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}"
                + "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:1em}"
                + "iframe{width:100%;height:40em;border:1px solid #ccc}</style></head><body><h1>"
                + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
