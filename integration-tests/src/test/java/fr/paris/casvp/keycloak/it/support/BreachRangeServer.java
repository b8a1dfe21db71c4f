package fr.paris.casvp.keycloak.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local server speaking the Have I Been Pwned range API ({@code GET /range/ABCDE},
 * {@code SUFFIX:COUNT} lines, padding rows with count 0 when asked), which the casvp
 * realm's {@code casvp-breached} policy is pointed at during the tests. It can be
 * made slow or broken to exercise the policy's failure modes.
 */
public final class BreachRangeServer implements AutoCloseable {

    /** Passwords the fixture reports as breached. */
    public static final List<String> BREACHED = List.of("Zq8#mWv2!Lp4xR", "hT5$kP9@wQ2nZe");

    public enum Mode { NORMAL, SLOW, BROKEN }

    private final HttpServer server;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> alsoBreached = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch release = new CountDownLatch(0);

    public BreachRangeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/range/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/range/";
    }

    /** Switches the behaviour; SLOW holds answers until the mode changes back. */
    public void mode(Mode next) {
        if (next == Mode.SLOW) {
            release = new CountDownLatch(1);
        } else {
            release.countDown();
        }
        mode.set(next);
    }

    /** From now on the API lists this password too (as when a new breach is published). */
    public void publishBreach(String password) {
        alsoBreached.add(password);
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            Mode current = mode.get();
            if (current == Mode.SLOW) {
                // Held until the test ends the slow phase: longer than the policy's timeout.
                release.await(30, TimeUnit.SECONDS);
            }
            if (current == Mode.BROKEN) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String prefix = exchange.getRequestURI().getPath().substring("/range/".length()).toUpperCase(Locale.ROOT);
            StringBuilder body = new StringBuilder();
            List<String> listed = new ArrayList<>(BREACHED);
            listed.addAll(alsoBreached);
            for (String password : listed) {
                String hash = sha1Hex(password);
                if (hash.startsWith(prefix)) {
                    body.append(hash.substring(5)).append(":42\r\n");
                }
            }
            if ("true".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Add-Padding"))) {
                for (int i = 0; i < 20; i++) {
                    body.append(String.format("%035X", (long) i * 7919)).append(":0\r\n");
                }
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
