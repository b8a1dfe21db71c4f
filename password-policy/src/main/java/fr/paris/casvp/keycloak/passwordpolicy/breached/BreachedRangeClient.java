package fr.paris.casvp.keycloak.passwordpolicy.breached;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a "range" API (k-anonymity model of Have I Been Pwned) whether a SHA-1 is in the
 * breach corpus: only the first 5 hexadecimal characters of the hash leave the server
 * ({@code GET <url><PREFIX>} with {@code Add-Padding: true}); the answer lists
 * {@code SUFFIX:COUNT} rows, and rows with count 0 are padding, never a match.
 *
 * <p>One instance per server (held by the factory) and thread-safe. The total wait of a
 * check never exceeds the configured timeout: the response future is awaited with that
 * bound, and the request carries the same timeout so the client drops it afterwards.
 *
 * <p>Cache: the last answers per (URL, prefix) are kept in memory for {@link #CACHE_TTL}, at
 * most {@code cacheSize} of them (least recently used first out), so a second check of the
 * same prefix within minutes costs no request. It is only a cache: each node has its own,
 * nothing is lost on restart, and failures are never cached. About 15 KB per entry.
 */
final class BreachedRangeClient implements AutoCloseable {

    /** How long an answer is reused; the corpus changes a few times a year. */
    static final Duration CACHE_TTL = Duration.ofMinutes(5);

    /** A padded answer is about 40 KB; more than this is not a range answer. */
    static final int MAX_RESPONSE_BYTES = 512 * 1024;

    /** Suffix bytes kept per row: the 35 hexadecimal characters as 18 bytes (first nibble 0). */
    static final int SUFFIX_BYTES = 18;

    private static final String USER_AGENT = "casvp-keycloak-breached-password-check";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<String, CachedRange> cache = new LinkedHashMap<>(64, 0.75f, true);

    BreachedRangeClient() {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "casvp-breached-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .executor(executor)
                // Per-check bounds are enforced on each request; this one only caps a connect.
                .connectTimeout(Duration.ofMillis(BreachedPolicyConfig.MAX_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** The range API cannot answer now; the message says why and holds no secret. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The first 5 hexadecimal characters of a SHA-1 (upper case): all the range API ever sees. */
    static String prefix(byte[] sha1) {
        return HEX.toHexDigits(sha1[0]) + HEX.toHexDigits(sha1[1]) + HEX.toHexDigits(sha1[2]).charAt(0);
    }

    /** True when the range of {@code sha1}'s prefix lists its suffix with a count above 0. */
    boolean isBreached(byte[] sha1, BreachedPolicyConfig config) throws Unavailable {
        String prefix = prefix(sha1);
        String key = config.url() + prefix;
        byte[] range = config.cacheSize() > 0 ? cached(key) : null;
        if (range == null) {
            range = fetch(config, prefix);
            if (config.cacheSize() > 0) {
                remember(key, range, config.cacheSize());
            }
        }
        return containsSuffix(range, suffix(sha1));
    }

    private byte[] fetch(BreachedPolicyConfig config, String prefix) throws Unavailable {
        int timeout = config.timeoutMillis();
        HttpRequest request = HttpRequest.newBuilder(config.rangeUri(prefix))
                .timeout(Duration.ofMillis(timeout))
                .header("Add-Padding", "true")
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                info -> info.statusCode() == 200 ? new CappedBody() : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Unavailable("no answer from " + config.url().getHost() + " within " + timeout + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for " + config.url().getHost());
        } catch (ExecutionException e) {
            throw new Unavailable(describe(e.getCause(), config));
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("HTTP " + response.statusCode() + " from " + config.url().getHost());
        }
        return parseRange(response.body(), config.url().getHost());
    }

    private static String describe(Throwable failure, BreachedPolicyConfig config) {
        String host = config.url().getHost();
        if (failure instanceof HttpConnectTimeoutException || failure instanceof HttpTimeoutException) {
            return "no answer from " + host + " within " + config.timeoutMillis() + " ms";
        }
        if (failure instanceof UnresolvedAddressException || failure.getCause() instanceof UnresolvedAddressException) {
            return "unknown host " + host;
        }
        if (failure instanceof ConnectException) {
            return "cannot connect to " + host + ":" + port(config) + " (refused or unreachable)";
        }
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return failure.getClass().getSimpleName() + " talking to " + host + message;
    }

    private static int port(BreachedPolicyConfig config) {
        int port = config.url().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(config.url().getScheme()) ? 443 : 80;
    }

    /**
     * Parses {@code SUFFIX:COUNT} rows (LF or CRLF) into the sorted suffixes whose count is
     * above 0. Anything else is a broken mirror or a captive portal page: refused as a whole
     * rather than read as "no match".
     */
    static byte[] parseRange(byte[] body, String host) throws Unavailable {
        List<byte[]> suffixes = new ArrayList<>();
        int row = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && body[end - 1] == '\r') {
                end--;
            }
            row++;
            if (end > start) {
                byte[] suffix = parseRow(body, start, end);
                if (suffix == null) {
                    throw new Unavailable("unexpected answer from " + host + " (row " + row + " is not SUFFIX:COUNT)");
                }
                if (suffix.length > 0) {
                    suffixes.add(suffix);
                }
            }
            start = next;
        }
        suffixes.sort(Arrays::compareUnsigned);
        byte[] packed = new byte[suffixes.size() * SUFFIX_BYTES];
        for (int i = 0; i < suffixes.size(); i++) {
            System.arraycopy(suffixes.get(i), 0, packed, i * SUFFIX_BYTES, SUFFIX_BYTES);
        }
        return packed;
    }

    /** The row's suffix, an empty array for a padding row (count 0), null when malformed. */
    private static byte[] parseRow(byte[] body, int start, int end) {
        int colon = start + 35;
        if (end - start < 37 || body[colon] != ':') {
            return null;
        }
        byte[] suffix = new byte[SUFFIX_BYTES];
        for (int i = 0; i < 35; i++) {
            int nibble = Character.digit(body[start + i], 16);
            if (nibble < 0) {
                return null;
            }
            // 35 nibbles right-aligned in 18 bytes: nibble i lands in byte (i + 1) / 2.
            int index = (i + 1) / 2;
            suffix[index] = (byte) (i % 2 == 0 ? suffix[index] | nibble : nibble << 4);
        }
        boolean positive = false;
        for (int i = colon + 1; i < end; i++) {
            if (body[i] < '0' || body[i] > '9') {
                return null;
            }
            positive |= body[i] != '0';
        }
        return positive ? suffix : new byte[0];
    }

    /** The 35 hexadecimal characters after the prefix, as {@link #parseRange} stores them. */
    static byte[] suffix(byte[] sha1) {
        byte[] suffix = new byte[SUFFIX_BYTES];
        suffix[0] = (byte) (sha1[2] & 0x0F);
        System.arraycopy(sha1, 3, suffix, 1, SUFFIX_BYTES - 1);
        return suffix;
    }

    static boolean containsSuffix(byte[] packed, byte[] suffix) {
        return SortedSearch.contains(0, packed.length / SUFFIX_BYTES - 1, i -> {
            int from = (int) i * SUFFIX_BYTES;
            return Arrays.compareUnsigned(packed, from, from + SUFFIX_BYTES, suffix, 0, SUFFIX_BYTES);
        });
    }

    private byte[] cached(String key) {
        synchronized (cache) {
            CachedRange entry = cache.get(key);
            if (entry == null) {
                return null;
            }
            if (System.nanoTime() - entry.fetchedAt() > CACHE_TTL.toNanos()) {
                cache.remove(key);
                return null;
            }
            return entry.suffixes();
        }
    }

    private void remember(String key, byte[] range, int capacity) {
        synchronized (cache) {
            cache.put(key, new CachedRange(range, System.nanoTime()));
            var eldest = cache.keySet().iterator();
            while (cache.size() > capacity && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
    }

    /** Number of answers held now (tests and diagnostics). */
    int cachedRanges() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (cache) {
            cache.clear();
        }
    }

    private record CachedRange(byte[] suffixes, long fetchedAt) {
    }

    /** Collects a 200 body, giving up beyond {@link #MAX_RESPONSE_BYTES}. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 * 1024);
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > MAX_RESPONSE_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("answer larger than " + MAX_RESPONSE_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
