package fr.paris.casvp.keycloak.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wrong-password response time of the {@code casvp-password-form} step, which counts every
 * wrong password (per user and browser, and per source) in the database, against Keycloak's
 * own {@code auth-username-password-form} in the built-in browser flow, on the same server
 * in the same run.
 *
 * <p>One Keycloak (its own unpacked distribution under {@code target/bench-keycloak}, shared
 * with the device benchmark, with the bundle in {@code providers/}) serves a realm
 * {@code bench} created through the admin API (see {@link LockoutBenchRealm}): a client per
 * flow, a pool of users, stored events, Keycloak's brute-force protection off, and lockout
 * thresholds so high that nothing is ever delayed, locked or throttled. Every measured
 * attempt: a fresh cookie jar, GET of the authorization endpoint, POST of an existing
 * username and a wrong password never used before, and the login page again (200 or 401,
 * recorded); its time is the time of both requests.
 *
 * <p>Each round runs one leg per variant, in an order that rotates from round to round so
 * that machine noise hits both alike. In a leg, {@code casvp.bench.workers} threads each run
 * {@code casvp.bench.attemptsPerWorker} attempts back to back, on users taken in turn from
 * the pool. Warm-up rounds ({@code casvp.bench.warmupRounds}) are not counted.
 *
 * <p>Run, after {@code mvn -B -q install -DskipTests} at the top level:
 * {@code mvn -B -Pbench-lockout -pl integration-tests verify}. Counts can be changed with
 * {@code -Dcasvp.bench.rounds=6 -Dcasvp.bench.workers=4 -Dcasvp.bench.attemptsPerWorker=25
 * -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=1}. The Markdown report is printed and
 * written to {@code target/bench/lockout-latency.md}.
 */
public final class LockoutLatencyComparison {

    private static final double P50_RATIO_TARGET = 1.10;
    private static final String COMMAND = "mvn -B -Pbench-lockout -pl integration-tests verify";
    private static final Duration ATTEMPT_BOUND = Duration.ofSeconds(70); // both requests time out at 30 s
    private static final String REPORT_FILE = "lockout-latency.md";

    /** What the run does; every count comes from a system property. */
    record Settings(int rounds, int warmupRounds, int workers, int attemptsPerWorker, int users) {

        static Settings fromSystemProperties() {
            return new Settings(
                    BenchEnvironment.positive("casvp.bench.rounds", 6),
                    Math.max(0, Integer.getInteger("casvp.bench.warmupRounds", 1)),
                    BenchEnvironment.positive("casvp.bench.workers", 4),
                    BenchEnvironment.positive("casvp.bench.attemptsPerWorker", 25),
                    BenchEnvironment.positive("casvp.bench.users", 40));
        }

    }

    enum Variant {
        STOCK("stock", "built-in `browser` flow, `auth-username-password-form`", BenchRealm.STOCK_CLIENT),
        LOCKOUT("lockout", "copy of `browser`, `casvp-password-form` counting failures", LockoutBenchRealm.LOCKOUT_CLIENT);

        final String label;
        final String description;
        final String clientId;

        Variant(String label, String description, String clientId) {
            this.label = label;
            this.description = description;
            this.clientId = clientId;
        }
    }

    /** One leg: a variant run by every worker at once. */
    record Leg(int round, Variant variant, long[] nanos, int failures, List<String> failureSamples, long wallNanos,
               Map<Integer, Integer> statuses, Map<String, Integer> errors) {
    }

    /** Latency figures of one variant over some legs. */
    record Stats(int attempts, int failures, double p50, double p95, double mean, double max, double perSecond) {

        static Stats of(List<Leg> legs) {
            LatencyFigures f = LatencyFigures.of(
                    legs.stream().flatMapToLong(leg -> Arrays.stream(leg.nanos())).toArray(),
                    legs.stream().mapToLong(Leg::wallNanos).sum());
            return new Stats(f.count(), legs.stream().mapToInt(Leg::failures).sum(), f.p50(), f.p95(), f.mean(),
                    f.max(), f.perSecond());
        }
    }

    private final Settings settings;
    private final DistributionKeycloak server;
    private final LockoutBenchRealm realm;
    private final ExecutorService pool;
    private final BrowserSignIn[] browsers;
    private final AtomicInteger userCursor = new AtomicInteger();
    private final AtomicLong passwordSequence = new AtomicLong();
    private final String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    /** Attempts that reached the password check, per variant, warm-up included: one LOGIN_ERROR each. */
    private final Map<Variant, AtomicInteger> posted = new EnumMap<>(Variant.class);
    private final List<String> sanity = new ArrayList<>();

    private LockoutLatencyComparison(Settings settings, DistributionKeycloak server, LockoutBenchRealm realm) {
        this.settings = settings;
        this.server = server;
        this.realm = realm;
        this.pool = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "bench-wrong-password");
            thread.setDaemon(true);
            return thread;
        });
        this.browsers = new BrowserSignIn[settings.workers()];
        for (int i = 0; i < browsers.length; i++) {
            browsers[i] = new BrowserSignIn(server.baseUrl(), BenchRealm.NAME);
        }
        for (Variant v : Variant.values()) {
            posted.put(v, new AtomicInteger());
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path home = Paths.get(BenchEnvironment.required("casvp.bench.home", COMMAND)).toAbsolutePath().normalize();
        Path output = Files.createDirectories(ItSettings.outputDir());
        double loadBefore = BenchEnvironment.loadAverage();
        Instant started = Instant.now();

        // The server wants a mail catcher; nothing in this benchmark sends mail.
        GreenMail mail = BenchEnvironment.mailCatcher();
        try {
            try (DistributionKeycloak server = BenchEnvironment.startServer(home, output, mail, Map.of())) {
                LockoutBenchRealm realm = LockoutBenchRealm.create(server.admin(), settings.users());
                LockoutLatencyComparison bench = new LockoutLatencyComparison(settings, server, realm);
                try {
                    List<Leg> legs = bench.run();
                    String report = bench.report(legs, started, loadBefore);
                    System.out.println();
                    System.out.print(report);
                    Path file = output.resolve(REPORT_FILE);
                    Files.writeString(file, report);
                    System.out.println("Written to " + file);
                } finally {
                    bench.pool.shutdownNow();
                }
            }
        } finally {
            mail.stop();
        }
    }

    private List<Leg> run() throws InterruptedException {
        checkBothFlowsSignIn();
        for (int w = 1; w <= settings.warmupRounds(); w++) {
            for (Variant variant : order(w - 1)) {
                log("warm-up " + w, leg(-w, variant));
            }
        }
        List<Leg> counted = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Variant variant : order(round - 1)) {
                Leg leg = leg(round, variant);
                log("round " + round + "/" + settings.rounds(), leg);
                counted.add(leg);
            }
        }
        return counted;
    }

    /** Not measured: the right password signs in through both clients, so both flows really work. */
    private void checkBothFlowsSignIn() {
        BrowserSignIn browser = new BrowserSignIn(server.baseUrl(), BenchRealm.NAME);
        BenchRealm.User user = realm.users().get(0);
        for (Variant variant : Variant.values()) {
            BrowserSignIn.Result result = browser.signIn(variant.clientId, user.username(), user.password());
            if (!result.ok()) {
                throw new IllegalStateException("The right password does not sign in through " + variant.clientId
                        + ": " + result.failure() + "\nServer log tail:\n" + BenchEnvironment.tail(server.serverLog(), 40));
            }
            sanity.add(String.format("right password through `%s`: 302 to the redirect URI with a code (%.0f ms)",
                    variant.clientId, result.nanos() / 1e6));
        }
        System.out.println("Both clients sign in with the right password");
    }

    /** The variants in a rotated order: each variant takes each position equally often. */
    private static List<Variant> order(int round) {
        Variant[] all = Variant.values();
        List<Variant> order = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            order.add(all[(i + round) % all.length]);
        }
        return order;
    }

    private Leg leg(int round, Variant variant) throws InterruptedException {
        int perWorker = settings.attemptsPerWorker();
        long[][] times = new long[browsers.length][];
        int[] failures = new int[browsers.length];
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < browsers.length; w++) {
            int worker = w;
            Callable<Void> task = () -> {
                long[] mine = new long[perWorker];
                int ok = 0;
                go.await();
                for (int i = 0; i < perWorker; i++) {
                    BenchRealm.User user = nextUser();
                    BrowserSignIn.Result result = browsers[worker].wrongPassword(variant.clientId, user.username(),
                            wrongPassword(variant));
                    if (result.status() != 0) {
                        statuses.merge(result.status(), 1, Integer::sum);
                    }
                    if (result.ok()) {
                        posted.get(variant).incrementAndGet();
                        errors.merge(result.error(), 1, Integer::sum);
                        mine[ok++] = result.nanos();
                    } else {
                        failures[worker]++;
                        if (samples.size() < 5) {
                            samples.add(user.username() + ": " + result.failure());
                        }
                    }
                }
                times[worker] = Arrays.copyOf(mine, ok);
                return null;
            };
            futures.add(pool.submit(task));
        }
        long start = System.nanoTime();
        go.countDown();
        BenchEnvironment.awaitWorkers(futures, ATTEMPT_BOUND.multipliedBy(perWorker));
        long wall = System.nanoTime() - start;
        long[] all = Arrays.stream(times).flatMapToLong(Arrays::stream).toArray();
        return new Leg(round, variant, all, Arrays.stream(failures).sum(), List.copyOf(samples), wall,
                new TreeMap<>(statuses), new TreeMap<>(errors));
    }

    private BenchRealm.User nextUser() {
        List<BenchRealm.User> users = realm.users();
        return users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()));
    }

    /** A wrong password never typed before in this run: never the "same wrong password repeated" case. */
    private String wrongPassword(Variant variant) {
        return "wrong " + variant.label + " " + runTag + " " + passwordSequence.incrementAndGet();
    }

    private static void log(String round, Leg leg) {
        long[] sorted = leg.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf("%-12s %-8s %4d ok %3d failed  p50 %7.1f ms  p95 %7.1f ms  in %5.1f s  HTTP %s%s%n", round,
                leg.variant().label, sorted.length, leg.failures(), LatencyFigures.percentile(sorted, 50),
                LatencyFigures.percentile(sorted, 95), leg.wallNanos() / 1e9, leg.statuses(),
                leg.failureSamples().isEmpty() ? "" : "  e.g. " + leg.failureSamples().get(0));
    }

    private String report(List<Leg> legs, Instant started, double loadBefore) throws IOException {
        Map<Variant, Stats> stats = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            stats.put(v, Stats.of(legs.stream().filter(l -> l.variant() == v).toList()));
        }
        Stats stock = stats.get(Variant.STOCK);
        Stats lockout = stats.get(Variant.LOCKOUT);
        double p50Ratio = lockout.p50() / stock.p50();

        StringBuilder md = new StringBuilder();
        md.append("# Wrong-password response time: casvp lockout vs stock browser flow\n\n");
        md.append(String.format("Keycloak %s distribution with the bundle, one server, realm `bench`; %s.%n%n",
                ItSettings.keycloakVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        md.append("Every attempt: fresh cookie jar, GET the authorization endpoint, POST an existing username and a "
                + "wrong password never used before, login page again; timed over both requests. Lockout thresholds "
                + "are set so high that nothing is ever delayed, locked or throttled (the cost of counting, not of "
                + "being blocked); Keycloak's brute-force protection is off in the realm.\n\n");

        md.append("| variant | what | attempts | failed | HTTP status of the POST | p50 ms | p95 ms | mean ms | max ms "
                + "| attempts/s |\n");
        md.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (Variant v : Variant.values()) {
            Stats s = stats.get(v);
            md.append(String.format("| %s | %s | %d | %d | %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n", v.label,
                    v.description, s.attempts(), s.failures(), statuses(legs, v), s.p50(), s.p95(), s.mean(), s.max(),
                    s.perSecond()));
        }

        md.append("\n| comparison | value | target | |\n|---|---:|---:|---|\n");
        md.append(String.format("| lockout / stock, p50 | %.3f | ≤ %.2f | %s |%n", p50Ratio, P50_RATIO_TARGET,
                p50Ratio <= P50_RATIO_TARGET ? "met" : "**missed**"));
        md.append(String.format("| lockout / stock, p95 | %.3f | | |%n", lockout.p95() / stock.p95()));
        md.append(String.format("| lockout / stock, mean | %.3f | | |%n", lockout.mean() / stock.mean()));
        md.append(String.format("| lockout / stock, throughput | %.3f | | |%n", lockout.perSecond() / stock.perSecond()));
        md.append(String.format("| lockout − stock, p50 | %+.1f ms | | |%n", lockout.p50() - stock.p50()));

        md.append("\np50 / p95 per round (ms), legs in the order run:\n\n| round | order | ");
        md.append(Arrays.stream(Variant.values()).map(v -> v.label + " p50 | " + v.label + " p95")
                .collect(Collectors.joining(" | ")));
        md.append(" | p50 ratio |\n|---:|---|").append("---:|".repeat(Variant.values().length * 2 + 1)).append('\n');
        for (int round = 1; round <= settings.rounds(); round++) {
            int r = round;
            List<Leg> inRound = legs.stream().filter(l -> l.round() == r).toList();
            md.append("| ").append(round).append(" | ")
                    .append(inRound.stream().map(l -> l.variant().label).collect(Collectors.joining(" → ")));
            Map<Variant, Double> p50 = new EnumMap<>(Variant.class);
            for (Variant v : Variant.values()) {
                long[] sorted = inRound.stream().filter(l -> l.variant() == v)
                        .flatMapToLong(l -> Arrays.stream(l.nanos())).sorted().toArray();
                p50.put(v, LatencyFigures.percentile(sorted, 50));
                md.append(String.format(" | %.1f | %.1f", LatencyFigures.percentile(sorted, 50), LatencyFigures.percentile(sorted, 95)));
            }
            md.append(String.format(" | %.3f |%n", p50.get(Variant.LOCKOUT) / p50.get(Variant.STOCK)));
        }

        md.append("\nWhat the pages and the realm's stored events say:\n\n");
        for (Variant v : Variant.values()) {
            md.append(String.format("- `%s` login page error text: %s%n", v.label, tallyText(legs, v, Leg::errors)));
        }
        md.append(eventsReport());
        md.append(countersReport());
        for (String line : sanity) {
            md.append("- ").append(line).append(" (before the warm-up, not counted)\n");
        }
        List<String> failures = legs.stream().flatMap(l -> l.failureSamples().stream()).limit(5).toList();
        if (!failures.isEmpty()) {
            md.append("- failed attempts, e.g.: ").append(String.join("; ", failures)).append('\n');
        }

        RealmRepresentation rep = realm.representation();
        md.append(String.format("- realm `bench`: bruteForceProtected=%s, failureFactor=%s, eventsEnabled=%s%n",
                rep.isBruteForceProtected(), rep.getFailureFactor(), rep.isEventsEnabled()));
        md.append(String.format("- `%s` config `%s`: %s%n", LockoutBenchRealm.LOCKOUT_PROVIDER,
                LockoutBenchRealm.CONFIG_ALIAS, new TreeMap<>(realm.lockoutConfig())));

        md.append("\nLockout flow (`").append(LockoutBenchRealm.LOCKOUT_FLOW).append("`, a copy of `browser`):\n\n```\n")
                .append(realm.describeExecutions(LockoutBenchRealm.LOCKOUT_FLOW)).append("```\n");

        md.append(BenchEnvironment.machineRows(loadBefore, server.startupMillis()));
        md.append(String.format("| users, workers | %d users, %d concurrent workers |%n", settings.users(),
                settings.workers()));
        md.append(String.format("| counted | %d rounds × %d workers × %d attempts = %d attempts per variant |%n",
                settings.rounds(), settings.workers(), settings.attemptsPerWorker(),
                settings.rounds() * settings.workers() * settings.attemptsPerWorker()));
        md.append(String.format("| not counted | %d warm-up round(s), 1 right-password sign-in per client |%n",
                settings.warmupRounds()));
        md.append(String.format("| duration | %d s |%n", Duration.between(started, Instant.now()).toSeconds()));
        return md.toString();
    }

    /** LOGIN_ERROR events of each client: how many, their error, their {@code casvp_lockout} detail, a few samples. */
    private String eventsReport() {
        StringBuilder text = new StringBuilder();
        Map<String, String> usernames = realm.users().stream()
                .collect(Collectors.toMap(BenchRealm.User::id, BenchRealm.User::username));
        for (Variant v : Variant.values()) {
            List<EventRepresentation> errors = realm.events("LOGIN_ERROR", v.clientId, 1_000_000);
            text.append(String.format("- LOGIN_ERROR events on `%s`: %d stored for %d wrong-password attempts "
                            + "(warm-up included); error %s; `%s` detail %s%n",
                    v.clientId, errors.size(), posted.get(v).get(),
                    tally(errors, e -> String.valueOf(e.getError())),
                    LockoutBenchRealm.EVENT_DETAIL,
                    tally(errors, e -> e.getDetails() == null ? "(none)"
                            : e.getDetails().getOrDefault(LockoutBenchRealm.EVENT_DETAIL, "(none)"))));
            for (EventRepresentation e : errors.stream().limit(3).toList()) {
                text.append(String.format("  - e.g. %s user %s error `%s` details %s%n",
                        Instant.ofEpochMilli(e.getTime()).truncatedTo(ChronoUnit.MILLIS),
                        usernames.getOrDefault(e.getUserId(), String.valueOf(e.getUserId())), e.getError(),
                        e.getDetails() == null ? "{}" : new TreeMap<>(e.getDetails())));
            }
        }
        return text.toString();
    }

    /**
     * The lockout counters themselves, read through the bundle's admin endpoint
     * ({@code casvp-devices/users/{id}/lockout}): failures counted per user, summed over the pool.
     */
    private String countersReport() {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        long consecutive = 0;
        long inWindow = 0;
        int locked = 0;
        Map<String, Long> scopes = new TreeMap<>();
        try {
            for (BenchRealm.User user : realm.users()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/"
                                + BenchRealm.NAME + "/casvp-devices/users/" + user.id() + "/lockout"))
                        .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                        .header("Accept", "application/json").GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return String.format("- lockout counters: admin endpoint answered %d for %s%n",
                            response.statusCode(), user.username());
                }
                for (JsonNode counter : json.readTree(response.body())) {
                    consecutive += counter.path("consecutiveFailures").asLong();
                    inWindow += counter.path("failuresInWindow").asLong();
                    locked += counter.path("locked").asBoolean() ? 1 : 0;
                    scopes.merge(counter.path("scope").asText(), 1L, Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "- lockout counters: could not be read (" + e + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "- lockout counters: interrupted\n";
        }
        return String.format("- lockout counters (admin endpoint `casvp-devices/users/{id}/lockout`, %d users): "
                        + "counters by scope %s; failures in window, summed %d; consecutive failures, summed %d; "
                        + "locked %d — for %d wrong passwords answered with the login page on `%s`%n",
                realm.users().size(), scopes, inWindow, consecutive, locked, posted.get(Variant.LOCKOUT).get(),
                LockoutBenchRealm.LOCKOUT_CLIENT);
    }

    private static Map<String, Long> tally(List<EventRepresentation> events, Function<EventRepresentation, String> key) {
        return events.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static String statuses(List<Leg> legs, Variant v) {
        Map<Integer, Integer> all = new TreeMap<>();
        legs.stream().filter(l -> l.variant() == v).forEach(l -> l.statuses().forEach((k, n) -> all.merge(k, n, Integer::sum)));
        return all.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String tallyText(List<Leg> legs, Variant v, Function<Leg, Map<String, Integer>> what) {
        Map<String, Integer> all = new TreeMap<>();
        legs.stream().filter(l -> l.variant() == v).forEach(l -> what.apply(l).forEach((k, n) -> all.merge(k, n, Integer::sum)));
        return all.entrySet().stream().map(e -> "\"" + e.getKey() + "\" × " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
