package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what Keycloak sent to one address, waiting a bounded time for it to arrive. */
public final class Mailbox {

    /** The code of a code mail (sign-in, forgot password, recovery address), as its HTML shows it. */
    private static final Pattern CODE = Pattern.compile("id=\"casvp-code\"[^>]*>\\s*([0-9]+)\\s*<");

    private Mailbox() {
    }

    /** The code this mail carries. */
    public static String code(MimeMessage message) {
        String html = htmlPart(message);
        Matcher code = CODE.matcher(html);
        if (!code.find()) {
            throw new AssertionError("no code in " + html);
        }
        return code.group(1);
    }

    /** The code of the sign-in code mail to this address (which may get the new-device alert too). */
    public static String signInCode(GreenMail mail, String address, Duration timeout) {
        return code(awaitSubject(mail, address, "CASVP : votre code de connexion", timeout)
                .orElseThrow(() -> new AssertionError("no sign-in code mailed to " + address)));
    }

    public static List<MimeMessage> awaitMessagesTo(GreenMail mail, String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> received = List.of(mail.getReceivedMessagesForDomain(address));
            if (received.size() >= count || System.nanoTime() > deadline) {
                return received;
            }
            // Blocks until any new message arrives (or 250 ms pass), then looks again.
            mail.waitForIncomingEmail(250, mail.getReceivedMessages().length + 1);
        }
    }

    /** Waits for a mail with this subject to this address (other mails to it are not counted). */
    public static Optional<MimeMessage> awaitSubject(GreenMail mail, String address, String subject, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (MimeMessage message : mail.getReceivedMessagesForDomain(address)) {
                try {
                    if (subject.equals(message.getSubject())) {
                        return Optional.of(message);
                    }
                } catch (jakarta.mail.MessagingException unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            mail.waitForIncomingEmail(250, mail.getReceivedMessages().length + 1);
        }
    }

    /** The HTML part of a Keycloak mail (multipart/alternative). */
    public static String htmlPart(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The plain-text part of a Keycloak mail. */
    public static String textPart(MimeMessage message) {
        return part(message, "text/plain");
    }

    private static String part(MimeMessage message, String mimeType) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return message.isMimeType(mimeType) ? text : "";
            }
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return (String) part.getContent();
                }
            }
            return "";
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }
}
