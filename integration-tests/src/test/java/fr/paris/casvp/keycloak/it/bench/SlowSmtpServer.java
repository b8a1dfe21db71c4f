package fr.paris.casvp.keycloak.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on the loopback interface that waits a fixed delay before each of
 * its replies (the 220 greeting and the answer to every command) and accepts every
 * message: EHLO/HELO, MAIL, RCPT, DATA ... {@code .}, RSET, NOOP, QUIT. It stands for a
 * mail relay that is up but slow. Messages are counted, not kept. Every read is bounded by
 * a socket timeout, so a silent client never holds a thread for long.
 */
final class SlowSmtpServer implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_LINE = 10_000;
    private static final long MAX_MESSAGE_CHARS = 10L * 1024 * 1024;
    private static final int MAX_CONNECTIONS = 64;

    private final Duration delay;
    private final ServerSocket listener;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Thread acceptor;

    private SlowSmtpServer(Duration delay) throws IOException {
        this.delay = delay;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.connections = Executors.newFixedThreadPool(MAX_CONNECTIONS, runnable -> {
            Thread thread = new Thread(runnable, "slow-smtp-connection");
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "slow-smtp-acceptor");
        this.acceptor.setDaemon(true);
    }

    /** Starts listening on a free loopback port. */
    static SlowSmtpServer start(Duration delay) {
        try {
            SlowSmtpServer server = new SlowSmtpServer(delay);
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the slow SMTP server", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return accepted.get();
    }

    /** Messages accepted (answered 250 after their final dot) so far. */
    int messages() {
        return messages.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 slow-smtp.bench.test ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 slow-smtp.bench.test");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        if (!readMessage(in)) {
                            return;
                        }
                        messages.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // timeout, client gone or server closing: drop the connection
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            open.remove(socket);
        }
    }

    /** Reads the message up to its final dot line; false when the client went away or it was too big. */
    private static boolean readMessage(BufferedReader in) throws IOException {
        long chars = 0;
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                return true;
            }
            chars += line.length() + 2;
            if (chars > MAX_MESSAGE_CHARS) {
                return false;
            }
        }
        return false;
    }

    private static String readLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line != null && line.length() > MAX_LINE) {
            throw new IOException("line too long");
        }
        return line;
    }

    private void reply(OutputStream out, String line) throws IOException, InterruptedException {
        Thread.sleep(delay.toMillis()); // the whole point of this server
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
