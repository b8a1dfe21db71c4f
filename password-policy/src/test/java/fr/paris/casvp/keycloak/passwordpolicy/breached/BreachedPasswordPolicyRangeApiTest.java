package fr.paris.casvp.keycloak.passwordpolicy.breached;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.policy.PolicyError;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy against a real HTTP server on 127.0.0.1 that speaks the range API format,
 * padding rows included.
 */
class BreachedPasswordPolicyRangeApiTest {

    private static final String BREACHED = "P@ssw0rd";
    private static final String UNKNOWN = "Lanterne verte sur le quai 7";
    /** Slack for scheduling on a busy 2-core machine, on top of the configured bound. */
    private static final long MARGIN_MILLIS = 700;

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Passwords the server lists with a real count, by SHA-1 hex. */
    private final Map<String, Integer> corpus = new ConcurrentHashMap<>();
    /** Passwords the server lists only as padding rows (count 0). */
    private final Map<String, Boolean> paddingOnly = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private final BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
    private CapturedWarnings warnings;

    private enum Behaviour { ANSWER, HANG, FAIL_503, HTML_PAGE }

    private record Request(String path, String query, String addPadding) {
    }

    @BeforeEach
    void startRangeServer() throws IOException {
        corpus.put(sha1Hex(BREACHED), 52_256_179);
        paddingOnly.put(sha1Hex(UNKNOWN), true);
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/range/", this::answer);
        server.start();
        factory.init(null);
        warnings = new CapturedWarnings();
    }

    @AfterEach
    void stopRangeServer() {
        warnings.close();
        releaseSlowAnswers.countDown();
        factory.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Add-Padding")));
        try {
            switch (behaviour) {
                case HANG -> {
                    releaseSlowAnswers.await(30, TimeUnit.SECONDS);
                    send(exchange, 200, "");
                }
                case FAIL_503 -> send(exchange, 503, "Service Unavailable");
                case HTML_PAGE -> send(exchange, 200, "<html><body>Please sign in to the Wi-Fi</body></html>");
                case ANSWER -> send(exchange, 200, rangeFor(exchange.getRequestURI().getRawPath().substring(7)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Rows of the real format: real matches, random padding rows, and count-0 rows of padded passwords. */
    private String rangeFor(String prefix) {
        StringBuilder body = new StringBuilder();
        body.append("0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n");
        body.append("00D4F6E8FA6EECAD2A3AA415EEC418D38EC:0\r\n");
        corpus.forEach((hex, count) -> {
            if (hex.startsWith(prefix)) {
                body.append(hex.substring(5)).append(':').append(count).append("\r\n");
            }
        });
        paddingOnly.keySet().forEach(hex -> {
            if (hex.startsWith(prefix)) {
                body.append(hex.substring(5)).append(":0\n");
            }
        });
        body.append("011053FD0102E94D6AE2F8B83D76FAF94F6:0\r\n");
        body.append("FFFFF32F1C9C4A6C77E0F9E79C6D8AD79C1:3");
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/range/";
    }

    private RealmWithPolicy realm(String settings) {
        return RealmWithPolicy.of(factory, "length(12) and casvp-breached(url=" + url() + "," + settings + ")");
    }

    @Test
    void theTestComputesTheWellKnownHashOfPassw0rd() {
        assertEquals("21BD12DC183F740EE76F27B78EB39C8AD972A757", sha1Hex(BREACHED));
    }

    @Test
    void refusesAPasswordTheRangeApiListsAndSendsOnlyItsFiveCharacterPrefix() {
        PolicyError error = realm("timeout=2000").check(BREACHED);

        assertNotNull(error);
        assertEquals("casvp.passwordPolicy.breached", error.getMessage());
        assertEquals(1, requests.size());
        Request request = requests.get(0);
        assertEquals("/range/21BD1", request.path());
        assertNull(request.query());
        assertEquals("true", request.addPadding());
    }

    @Test
    void theUserEntryPointGivesTheSameVerdict() {
        assertEquals("casvp.passwordPolicy.breached", realm("timeout=2000").checkForUser(BREACHED).getMessage());
    }

    @Test
    void acceptsAPasswordThatOnlyMatchesAPaddingRowWithCountZero() {
        String hex = sha1Hex(UNKNOWN);
        assertTrue(rangeFor(hex.substring(0, 5)).contains(hex.substring(5) + ":0\n"), "the answer lists it, count 0");
        RealmWithPolicy realm = realm("timeout=2000");

        assertNull(realm.check(UNKNOWN));
        assertEquals(List.of(new Request("/range/" + hex.substring(0, 5), null, "true")), requests);
    }

    @Test
    void aPasswordTypedWithDecomposedAccentsIsCheckedInItsComposedForm() {
        corpus.put(sha1Hex("caf\u00e9 cr\u00e8me"), 7);

        assertEquals("casvp.passwordPolicy.breached",
                realm("timeout=2000").check("cafe\u0301 cre\u0300me").getMessage());
    }

    @Test
    void aSecondCheckOfTheSamePrefixIsAnsweredFromTheCache() {
        RealmWithPolicy realm = realm("timeout=2000");

        assertNotNull(realm.check(BREACHED));
        assertNotNull(realm.check(BREACHED));
        assertNull(realm.check(UNKNOWN));
        assertNull(realm.check(UNKNOWN));

        assertAskedAndCached(2, 2);
    }

    @Test
    void cacheSizeZeroAsksTheServerEveryTime() {
        RealmWithPolicy realm = realm("cacheSize=0");

        assertNotNull(realm.check(BREACHED));
        assertNotNull(realm.check(BREACHED));

        assertAskedAndCached(2, 0);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeLetsThePasswordThroughWithOnErrorAccept() {
        assertNull(checkWithAServerThatHangs("accept", BREACHED));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeRefusesThePasswordWithOnErrorReject() {
        PolicyError error = checkWithAServerThatHangs("reject", UNKNOWN);

        assertNotNull(error);
        assertEquals("casvp.passwordPolicy.breachedUnavailable", error.getMessage());
    }

    /**
     * The verdict on {@code password} with a 300 ms timeout and a server that never answers,
     * once it is known that the check waited for the timeout, no longer, and said so once.
     */
    private PolicyError checkWithAServerThatHangs(String onError, String password) {
        behaviour = Behaviour.HANG;
        RealmWithPolicy realm = realm("timeout=300,onError=" + onError);

        long started = System.nanoTime();
        PolicyError error = realm.check(password);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(elapsedMillis >= 250 && elapsedMillis < 300 + MARGIN_MILLIS, "waited " + elapsedMillis + " ms");
        assertOneWarning("no answer from 127.0.0.1 within 300 ms", "onError=" + onError);
        return error;
    }

    @Test
    void aServerErrorIsNotCachedAndFollowsOnError() {
        behaviour = Behaviour.FAIL_503;

        assertNull(realm("onError=accept").check(BREACHED));
        assertEquals("casvp.passwordPolicy.breachedUnavailable", realm("onError=reject").check(BREACHED).getMessage());

        assertAskedAndCached(2, 0);
        List<String> lines = warnings.lines();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("HTTP 503 from 127.0.0.1"), lines.get(0));
    }

    /** What ops read on /metrics: each check by result, and how long the wait was. */
    @Test
    void eachCheckIsCountedByResultAndTimed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            realm("cacheSize=0").check(BREACHED);
            realm("cacheSize=0").check(UNKNOWN);
            realm("cacheSize=0").check(UNKNOWN);
            behaviour = Behaviour.FAIL_503;
            realm("cacheSize=0").check(UNKNOWN);

            assertEquals(1, checks(registry, "breached"));
            assertEquals(2, checks(registry, "ok"));
            assertEquals(1, checks(registry, "unavailable"));
            assertEquals(2, registry.get(BreachedCheckMetrics.DURATION).tags("source", "api", "result", "ok").timer()
                    .count());
        } finally {
            Metrics.removeRegistry(registry);
            Metrics.globalRegistry.clear();
        }
    }

    private static double checks(SimpleMeterRegistry registry, String result) {
        return registry.get(BreachedCheckMetrics.CHECKS).tags("realm", "casvp-test", "source", "api", "result", result)
                .counter().count();
    }

    @Test
    void aPageThatIsNotARangeAnswerIsTreatedAsAnOutageNotAsNoMatch() {
        behaviour = Behaviour.HTML_PAGE;

        assertEquals("casvp.passwordPolicy.breachedUnavailable", realm("onError=reject").check(UNKNOWN).getMessage());
        assertOneWarning("unexpected answer from 127.0.0.1 (row 1 is not SUFFIX:COUNT)", "onError=reject");
    }

    @Test
    void anUnreachablePortFailsFastAndFollowsOnError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String policy = "casvp-breached(url=http://127.0.0.1:" + closedPort + "/range/,timeout=2000,onError=";

        long started = System.nanoTime();
        assertNull(RealmWithPolicy.of(factory, policy + "accept)").check(BREACHED));
        assertEquals("casvp.passwordPolicy.breachedUnavailable",
                RealmWithPolicy.of(factory, policy + "reject)").check(BREACHED).getMessage());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(elapsedMillis < 2 * 2000, "waited " + elapsedMillis + " ms");
        assertTrue(warnings.lines().get(0).contains("cannot connect to 127.0.0.1:" + closedPort),
                warnings.lines().get(0));
    }

    @Test
    void unusablePasswordsAreRefusedBeforeAnyRequest() {
        assertEquals("casvp.passwordPolicy.tooLong", realm("timeout=2000").check("a".repeat(1 << 20)).getMessage());
        assertTrue(requests.isEmpty());
    }

    /** How many requests reached the server, and how many range answers the client keeps. */
    private void assertAskedAndCached(int asked, int cached) {
        assertEquals(asked, requests.size());
        assertEquals(cached, factory.rangeClient().cachedRanges());
    }

    private void assertOneWarning(String reason, String decision) {
        List<String> lines = warnings.lines();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("casvp-breached: "), line);
        assertTrue(line.contains(reason), line);
        assertTrue(line.contains(decision), line);
        for (String secret : List.of(BREACHED, UNKNOWN, sha1Hex(BREACHED), sha1Hex(UNKNOWN),
                sha1Hex(BREACHED).substring(5), sha1Hex(UNKNOWN).substring(5))) {
            assertFalse(line.contains(secret), "a warning must not carry the password or its hash: " + line);
        }
    }

    static String sha1Hex(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
