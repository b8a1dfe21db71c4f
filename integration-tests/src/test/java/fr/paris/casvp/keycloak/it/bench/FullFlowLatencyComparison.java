package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.PostgresDatabase;
import org.keycloak.representations.idm.EventRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Sign-in latency of the whole casvp browser flow, for the everyday sign-in of an agent —
 * known device, trusted network, no second factor due — against Keycloak's built-in
 * {@code browser} flow, on the same server in the same run.
 *
 * <p>One Keycloak (its own unpacked distribution under {@code target/bench-keycloak}, shared
 * with the device and lockout benchmarks, with the bundle in {@code providers/}) serves a
 * realm {@code bench} created through the admin API (see {@link FlowBenchRealm}): a client
 * bound to the built-in flow, a client bound to a copy of {@code casvp browser} built from
 * {@code casvp-realm.json}, a pool of agents without a second factor or an admin role, and
 * 127.0.0.0/8 among the trusted networks. Each agent has its own browser
 * ({@link AgentBrowser}); before the measured rounds each signs in once through the casvp
 * client (not measured), which makes that browser a known device. Every measured sign-in,
 * through either client: the agent's browser is closed and reopened (the device cookie stays,
 * the session cookies go), GET of the authorization endpoint, POST of the identifier and
 * password, a 302 to the redirect URI with a code; its time is the time of both requests.
 * Both clients see the same browsers, the same User-Agent (a current Firefox) and the same
 * address (127.0.0.1).
 *
 * <p>A casvp sign-in counts only if it reached the redirect and the device step renewed the
 * browser's device cookie (it does at every sign-in); anything else is a failure, reported.
 * Afterwards the realm's stored events must say {@code casvp_device=known} and
 * {@code casvp_alert=none} for every measured casvp sign-in, and the mail catcher must have
 * received nothing (no new-device alert).
 *
 * <p>Each round runs one leg per variant, the order alternating from round to round; in a
 * leg {@code casvp.bench.workers} workers, each with its own share of the agents, run
 * {@code casvp.bench.signInsPerWorker} sign-ins back to back. Legs are short (about 5 s) and
 * many, so that the other work this shared machine runs changes little within a round and
 * hits both variants alike. Warm-up rounds ({@code casvp.bench.warmupRounds}) are not
 * counted, and there are many: a server in service is warm, and this one is not for a long
 * time. The JIT compiler keeps working for thousands of sign-ins, longer for the casvp flow,
 * whose own code runs in half the legs only (so it reaches the compile thresholds at half the
 * rate): with 8 warm-up rounds its compiler threads still used 5–8 ms of CPU per casvp sign-in
 * after 30 counted rounds, against 0–2 for stock. For each leg the report gives the Keycloak
 * process's CPU time per sign-in, split between the JIT compiler, the garbage collector and
 * the rest ({@link ServerThreadsCpu}), and the load of the machine; the p50 and throughput
 * ratios come with a 95 % interval ({@link RatioInterval}).
 *
 * <p>To see where the time goes, {@code -Dcasvp.bench.profile=true} adds two variants, each a
 * copy of the casvp flow with parts left out (its own client): without the device step, and
 * with the password form alone. {@code -Dcasvp.bench.serverProfiler=jfr} records the server
 * with Java Flight Recorder ({@code target/bench/keycloak-full-flow.jfr}) and adds to the report
 * what the server's CPU went to in each variant ({@link ServerCpuSamples});
 * {@code -Dcasvp.bench.serverProfiler=async} does the same with async-profiler, which samples
 * every thread by the CPU time it uses, in the JVM's own C++ code and native libraries too
 * (Flight Recorder sees threads running Java code only).
 *
 * <p>Run, after {@code mvn -B -q install -DskipTests} at the top level:
 * {@code mvn -B -Pbench-flow -pl integration-tests verify}. Counts can be changed with
 * {@code -Dcasvp.bench.rounds=30 -Dcasvp.bench.workers=4 -Dcasvp.bench.signInsPerWorker=15
 * -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=40}; {@code -Dcasvp.bench.db=postgres} runs the
 * server on a new database of the local PostgreSQL (as in production) instead of the in-memory
 * H2, whose SQL engine runs inside the Keycloak process; with it, {@code -Dcasvp.bench.movedBrowsers=true
 * -Dcasvp.bench.users=60} makes every sign-in one from a browser whose previous sign-in was on another
 * network (see {@link #browsersMovedAway}). The Markdown report is printed and
 * written to {@code target/bench/full-flow-latency.md}.
 */
public final class FullFlowLatencyComparison {

    private static final double P50_RATIO_TARGET = 1.05;
    private static final double THROUGHPUT_RATIO_TARGET = 0.95;
    private static final Duration SIGN_IN_BOUND = Duration.ofSeconds(70); // both requests time out at 30 s
    private static final Duration MAIL_GRACE = Duration.ofSeconds(10);
    private static final String REPORT_FILE = "full-flow-latency.md";
    /** With {@code casvp.bench.movedBrowsers}: where the browsers' previous sign-in was (TEST-NET-1, RFC 5737). */
    private static final String ELSEWHERE = "192.0.2.0/24";
    private static final String JFR_FILE = "keycloak-full-flow.jfr";
    /** async-profiler's sampling interval: one sample per millisecond of the process's CPU time. */
    private static final double ASYNC_INTERVAL_MILLIS = 1;
    private static final String COMMAND = "mvn -B -Pbench-flow -pl integration-tests verify";
    /** What the agents' browsers say they are: a current browser, so the outdated-browser step passes. */
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** What the run does; every count comes from a system property. */
    record Settings(int rounds, int warmupRounds, int workers, int signInsPerWorker, int users, boolean profile,
                    ServerProfiler serverProfiler, boolean postgres, boolean movedBrowsers) {

        static Settings fromSystemProperties() {
            Settings settings = new Settings(
                    BenchEnvironment.positive("casvp.bench.rounds", 30),
                    Math.max(0, Integer.getInteger("casvp.bench.warmupRounds", 40)),
                    BenchEnvironment.positive("casvp.bench.workers", 4),
                    BenchEnvironment.positive("casvp.bench.signInsPerWorker", 15),
                    BenchEnvironment.positive("casvp.bench.users", 40),
                    Boolean.getBoolean("casvp.bench.profile"),
                    ServerProfiler.fromSystemProperty(),
                    database(),
                    Boolean.getBoolean("casvp.bench.movedBrowsers"));
            if (System.getProperty("casvp.bench.firstOfHour") != null) {
                throw new IllegalArgumentException("casvp.bench.firstOfHour is gone: a browser that stays on its "
                        + "network writes no network row whatever the hour; -Dcasvp.bench.movedBrowsers=true measures "
                        + "the sign-ins that do");
            }
            if (settings.users() < settings.workers()) {
                throw new IllegalArgumentException("casvp.bench.users must be at least casvp.bench.workers: "
                        + "each worker signs in its own agents");
            }
            if (settings.movedBrowsers() && (!settings.postgres()
                    || settings.users() < settings.workers() * settings.signInsPerWorker())) {
                throw new IllegalArgumentException("casvp.bench.movedBrowsers needs -Dcasvp.bench.db=postgres (the bench "
                        + "moves the browsers' last network in that database) and casvp.bench.users at least "
                        + "workers × signInsPerWorker (" + settings.workers() * settings.signInsPerWorker()
                        + "), so that each agent signs in once per leg");
            }
            return settings;
        }

    }

    /** {@code casvp.bench.serverProfiler}: how the server's CPU is sampled, if at all. */
    enum ServerProfiler {
        NONE, JFR, ASYNC;

        static ServerProfiler fromSystemProperty() {
            if (System.getProperty("casvp.bench.serverJfr") != null) {
                throw new IllegalArgumentException("casvp.bench.serverJfr is gone: use -Dcasvp.bench.serverProfiler=jfr "
                        + "(or =async)");
            }
            String name = System.getProperty("casvp.bench.serverProfiler", "none");
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("casvp.bench.serverProfiler must be none, jfr or async, not " + name);
            }
        }
    }

    /** {@code casvp.bench.db}: {@code dev-mem} (default, in-memory H2) or {@code postgres} (a new database on the local server). */
    private static boolean database() {
        String db = System.getProperty("casvp.bench.db", "dev-mem");
        if (!db.equals("dev-mem") && !db.equals("postgres")) {
            throw new IllegalArgumentException("casvp.bench.db must be dev-mem or postgres, not " + db);
        }
        return db.equals("postgres");
    }

    enum Variant {
        STOCK("stock", "built-in `browser` flow", BenchRealm.STOCK_CLIENT, null),
        CASVP("casvp", "copy of the whole `casvp browser` flow", FlowBenchRealm.CASVP_CLIENT, null),
        NO_DEVICE("casvp − device step", "the same without `casvp-device-recognition`",
                new FlowBenchRealm.Trimmed("bench-casvp-no-device", "no device - ", Set.of(FlowBenchRealm.DEVICE_PROVIDER))),
        PASSWORD_ONLY("casvp password form only", "`casvp browser` with `casvp-password-form` alone in its forms",
                new FlowBenchRealm.Trimmed("bench-casvp-password-only", "password only - ", Set.of(
                        FlowBenchRealm.DEVICE_PROVIDER, "casvp-outdated-browser", "casvp-password-expiry",
                        "casvp-trusted-network-gate", "casvp outside second factor", "casvp browser second factor",
                        "casvp admin second factor")));

        final String label;
        final String description;
        final String clientId;
        /** For the profiling variants: which copy of the flow. */
        final FlowBenchRealm.Trimmed trimmed;

        Variant(String label, String description, String clientId, FlowBenchRealm.Trimmed trimmed) {
            this.label = label;
            this.description = description;
            this.clientId = clientId;
            this.trimmed = trimmed;
        }

        Variant(String label, String description, FlowBenchRealm.Trimmed trimmed) {
            this(label, description, trimmed.clientId(), trimmed);
        }

        static List<Variant> run(boolean profile) {
            return profile ? List.of(values()) : List.of(STOCK, CASVP);
        }
    }

    /** In one casvp leg of {@code casvp.bench.movedBrowsers}: networks left behind it kept, and its sign-ins. */
    record NetworkWrites(int kept, int signIns) {
        @Override
        public String toString() {
            return kept + "/" + signIns;
        }
    }

    /** One leg: a variant run by every worker at once. */
    record Leg(int round, Variant variant, long[] nanos, int failures, List<String> failureSamples, long wallNanos,
               long serverCpuNanos, Map<ServerThreadsCpu.Kind, Long> threadCpuNanos, double loadAfter,
               int otherServers, Instant started, Instant ended) {

        LatencyFigures figures() {
            return LatencyFigures.of(nanos, wallNanos);
        }
    }

    private final Settings settings;
    private final List<Variant> variants;
    private final DistributionKeycloak server;
    private final FlowBenchRealm realm;
    private final GreenMail mail;
    private final ExecutorService pool;
    private final BrowserSignIn[] browsers;
    /** The agents of each worker: a worker only ever signs in its own, so a device cookie has one user at a time. */
    private final List<List<AgentBrowser>> agents = new ArrayList<>();
    private final int[] nextAgent;
    /** Sign-ins that reached the redirect, per variant, priming and warm-up included: one LOGIN event each. */
    private final Map<Variant, AtomicInteger> signedIn = new EnumMap<>(Variant.class);
    private final List<String> checks = new ArrayList<>();
    /** With {@code casvp.bench.movedBrowsers}: the bench's database, where the browsers' last network is changed. */
    private final PostgresDatabase database;
    /** With {@code casvp.bench.movedBrowsers}: per counted casvp leg, networks kept during the leg and sign-ins. */
    private final List<NetworkWrites> networkWrites = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int mailsAfterPriming;

    private FullFlowLatencyComparison(Settings settings, DistributionKeycloak server, FlowBenchRealm realm,
                                      GreenMail mail, PostgresDatabase database) {
        this.settings = settings;
        this.database = database;
        this.variants = Variant.run(settings.profile());
        this.server = server;
        this.realm = realm;
        this.mail = mail;
        this.pool = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "bench-sign-in");
            thread.setDaemon(true);
            return thread;
        });
        this.browsers = new BrowserSignIn[settings.workers()];
        for (int w = 0; w < settings.workers(); w++) {
            browsers[w] = new BrowserSignIn(server.baseUrl(), BenchRealm.NAME, USER_AGENT);
            agents.add(new ArrayList<>());
        }
        List<BenchRealm.User> users = realm.users();
        for (int i = 0; i < users.size(); i++) {
            agents.get(i % settings.workers()).add(new AgentBrowser(users.get(i)));
        }
        this.nextAgent = new int[settings.workers()];
        for (Variant v : Variant.values()) {
            signedIn.put(v, new AtomicInteger());
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path home = Paths.get(BenchEnvironment.required("casvp.bench.home", COMMAND)).toAbsolutePath().normalize();
        Path output = Files.createDirectories(ItSettings.outputDir());
        double loadBefore = BenchEnvironment.loadAverage();
        Instant started = Instant.now();

        // Mails would go here; with known devices on a trusted network none is expected.
        GreenMail mail = BenchEnvironment.mailCatcher();
        String report;
        List<Leg> legs;
        List<String> variants;
        Map<String, Double> cpu = new LinkedHashMap<>();
        PostgresDatabase database = settings.postgres() ? PostgresDatabase.create() : null;
        Map<String, String> environment = new HashMap<>(serverEnvironment(settings, output));
        if (database != null) {
            environment.putAll(database.keycloakEnvironment());
        }
        try {
            try (DistributionKeycloak server = BenchEnvironment.startServer(home, output, mail, environment)) {
                List<String> othersAtStart = BenchEnvironment.otherKeycloakServers(server.pid());
                FlowBenchRealm realm = FlowBenchRealm.create(server.admin(), ItSettings.realmImportDir(),
                        settings.users(), mail.getSmtp().getPort(), Variant.run(settings.profile()).stream()
                                .filter(v -> v.trimmed != null).map(v -> v.trimmed).toList());
                FullFlowLatencyComparison bench = new FullFlowLatencyComparison(settings, server, realm, mail, database);
                try {
                    legs = bench.run();
                    report = bench.report(legs, started, loadBefore, othersAtStart);
                    variants = bench.variants.stream().map(v -> v.label).toList();
                    for (Variant v : bench.variants) {
                        cpu.put(v.label, cpuMillisPerSignIn(legs.stream().filter(l -> l.variant() == v).toList()));
                    }
                } finally {
                    bench.pool.shutdownNow();
                }
            } // the server stops here, and Flight Recorder writes its file
        } finally {
            mail.stop();
            if (database != null) {
                database.close();
            }
        }
        if (settings.serverProfiler() != ServerProfiler.NONE) {
            boolean async = settings.serverProfiler() == ServerProfiler.ASYNC;
            report += "\nServer CPU by what it was doing (" + (async ? "async-profiler CPU-time samples"
                    : "Java Flight Recorder execution samples") + " of the Keycloak JVM during the counted legs; "
                    + "see ServerCpuSamples):\n\n" + ServerCpuSamples.breakdown(output.resolve(JFR_FILE),
                    legs.stream().map(l -> new ServerCpuSamples.Window(l.variant().label, l.started(), l.ended(),
                            l.nanos().length)).toList(), variants, cpu,
                    async ? ASYNC_INTERVAL_MILLIS : ServerCpuSamples.JFR_SAMPLE_MILLIS, async);
        }
        System.out.println();
        System.out.print(report);
        Path file = output.resolve(REPORT_FILE);
        Files.writeString(file, report);
        System.out.println("Written to " + file);
    }

    /**
     * With {@code casvp.bench.serverProfiler}, Keycloak runs under Java Flight Recorder or
     * async-profiler (kc.sh reads JAVA_OPTS_APPEND); either writes a JFR file.
     */
    private static Map<String, String> serverEnvironment(Settings settings, Path output) {
        if (settings.serverProfiler() == ServerProfiler.NONE) {
            return Map.of();
        }
        try {
            Files.deleteIfExists(output.resolve(JFR_FILE)); // never read an earlier run's recording
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (settings.serverProfiler() == ServerProfiler.ASYNC) {
            // cpu: perf_events CPU-clock sampling (root, or perf_event_paranoid ≤ 2 for user-space stacks);
            // itimer would need no perf_events, but it samples at the kernel tick (4 ms here), a quarter of the asked rate
            Path library = Path.of(BenchEnvironment.required("casvp.bench.asyncProfilerLibrary", COMMAND));
            return Map.of("JAVA_OPTS_APPEND", "-agentpath:" + library + "=start,event=cpu,interval="
                    + (long) (ASYNC_INTERVAL_MILLIS * 1_000_000) + ",jstackdepth=512,jfr,file=" + output.resolve(JFR_FILE));
        }
        return Map.of("JAVA_OPTS_APPEND", "-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename="
                + output.resolve(JFR_FILE) + ",settings=profile,dumponexit=true");
    }

    private List<Leg> run() throws InterruptedException {
        prime();
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
        awaitStrayMails();
        return counted;
    }

    /**
     * Not measured: each agent signs in once through the casvp client (a first device: no
     * alert, no second factor), so its browser is a known device from now on; and one agent
     * once through the stock client, so both clients are known to work before the warm-up.
     */
    private void prime() throws InterruptedException {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < browsers.length; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                for (AgentBrowser agent : agents.get(worker)) {
                    BrowserSignIn.Result result = signIn(worker, agent, Variant.CASVP);
                    if (!result.ok()) {
                        failures.add(agent.user().username() + ": " + result.failure());
                    } else if (agent.deviceCookie().isEmpty()) {
                        failures.add(agent.user().username() + ": signed in but got no device cookie");
                    }
                }
                return null;
            }));
        }
        BenchEnvironment.awaitWorkers(futures, SIGN_IN_BOUND.multipliedBy(settings.users()));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("First sign-ins failed (" + failures.size() + "), e.g. " + failures.get(0)
                    + "\nServer log tail:\n" + BenchEnvironment.tail(server.serverLog(), 40));
        }
        AgentBrowser first = agents.get(0).get(0);
        List<String> before = first.cookieNames();
        first.reopened();
        checks.add(String.format("after a casvp sign-in an agent's browser holds %s; closed and reopened, %s",
                before, first.cookieNames()));
        BrowserSignIn.Result stock = signIn(0, first, Variant.STOCK);
        if (!stock.ok()) {
            throw new IllegalStateException("A known agent does not sign in through " + BenchRealm.STOCK_CLIENT + ": "
                    + stock.failure() + "\nServer log tail:\n" + BenchEnvironment.tail(server.serverLog(), 40));
        }
        mailsAfterPriming = mail.getReceivedMessages().length;
        System.out.printf("Primed %d agents with a known device; mails so far: %d%n", settings.users(),
                mailsAfterPriming);
    }

    /**
     * The variants in an order that rotates from round to round: with two, they alternate, and
     * each runs first equally often over an even number of rounds.
     */
    private List<Variant> order(int round) {
        List<Variant> order = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            order.add(variants.get((i + round) % variants.size()));
        }
        return order;
    }

    private Leg leg(int round, Variant variant) throws InterruptedException {
        if (settings.movedBrowsers()) {
            browsersMovedAway();
        }
        int others = BenchEnvironment.otherKeycloakServers(server.pid()).size();
        int perWorker = settings.signInsPerWorker();
        long[][] times = new long[browsers.length][];
        int[] failures = new int[browsers.length];
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < browsers.length; w++) {
            int worker = w;
            Callable<Void> task = () -> {
                long[] mine = new long[perWorker];
                int ok = 0;
                go.await();
                for (int i = 0; i < perWorker; i++) {
                    AgentBrowser agent = nextAgent(worker);
                    Optional<String> deviceBefore = agent.deviceCookie();
                    BrowserSignIn.Result result = signIn(worker, agent, variant);
                    String failure = result.failure();
                    if (failure == null && variant == Variant.CASVP
                            && (agent.deviceCookie().isEmpty() || agent.deviceCookie().equals(deviceBefore))) {
                        failure = "reached the redirect, but the device cookie was not renewed";
                    }
                    if (failure == null) {
                        mine[ok++] = result.nanos();
                    } else {
                        failures[worker]++;
                        if (samples.size() < 5) {
                            samples.add(agent.user().username() + ": " + failure);
                        }
                    }
                }
                times[worker] = Arrays.copyOf(mine, ok);
                return null;
            };
            futures.add(pool.submit(task));
        }
        long cpuBefore = BenchEnvironment.cpuNanos(server.pid());
        Map<ServerThreadsCpu.Kind, Long> threadsBefore = ServerThreadsCpu.read(server.pid());
        Instant started = Instant.now();
        long start = System.nanoTime();
        go.countDown();
        BenchEnvironment.awaitWorkers(futures, SIGN_IN_BOUND.multipliedBy(perWorker));
        long wall = System.nanoTime() - start;
        Instant ended = Instant.now();
        long cpu = BenchEnvironment.cpuNanos(server.pid()) - cpuBefore;
        Map<ServerThreadsCpu.Kind, Long> threads = ServerThreadsCpu.difference(threadsBefore,
                ServerThreadsCpu.read(server.pid()));
        long[] all = Arrays.stream(times).flatMapToLong(Arrays::stream).toArray();
        if (settings.movedBrowsers() && round > 0 && variant == Variant.CASVP) {
            networkWrites.add(new NetworkWrites(networksKept(), all.length));
        }
        return new Leg(round, variant, all, Arrays.stream(failures).sum(), List.copyOf(samples), wall, cpu, threads,
                BenchEnvironment.loadAverage(), others, started, ended);
    }

    /**
     * For {@code casvp.bench.movedBrowsers}: between legs, records every browser's last sign-in as
     * made from another network ({@value #ELSEWHERE}), so that each agent's next sign-in moves its
     * browser back and the device step keeps the network it leaves, as when a laptop goes from
     * home to the office. The kept networks' last-seen times are zeroed to count those writes.
     */
    private void browsersMovedAway() {
        try (Connection db = database.connection();
             PreparedStatement moved = db.prepareStatement("UPDATE CASVP_KNOWN_DEVICE SET NETWORK_PREFIX = ?");
             PreparedStatement uncounted = db.prepareStatement("UPDATE CASVP_KNOWN_NETWORK SET LAST_SEEN = 0")) {
            moved.setString(1, ELSEWHERE);
            moved.executeUpdate();
            uncounted.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot move the browsers to another network", e);
        }
    }

    /** How many agents' networks were kept since {@link #browsersMovedAway} (one per agent who signed in). */
    private int networksKept() {
        try (Connection db = database.connection();
             PreparedStatement count = db.prepareStatement(
                     "SELECT COUNT(*) FROM CASVP_KNOWN_NETWORK WHERE NETWORK_PREFIX = ? AND LAST_SEEN > 0")) {
            count.setString(1, ELSEWHERE);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the networks kept", e);
        }
    }

    /** The agent's browser, closed and reopened (device cookie kept), signs in through the variant's client. */
    private BrowserSignIn.Result signIn(int worker, AgentBrowser agent, Variant variant) {
        CookieManager jar = agent.reopened();
        BrowserSignIn.Result result = browsers[worker].signIn(variant.clientId, agent.user().username(),
                agent.user().password(), jar);
        if (result.ok()) {
            signedIn.get(variant).incrementAndGet();
        }
        return result;
    }

    private AgentBrowser nextAgent(int worker) {
        List<AgentBrowser> mine = agents.get(worker);
        AgentBrowser agent = mine.get(nextAgent[worker] % mine.size());
        nextAgent[worker]++;
        return agent;
    }

    /** Alerts leave after the sign-in, off the request thread: give a late one time to arrive before counting. */
    private void awaitStrayMails() throws InterruptedException {
        long deadline = System.nanoTime() + MAIL_GRACE.toNanos();
        while (System.nanoTime() < deadline && mail.getReceivedMessages().length == 0) {
            TimeUnit.MILLISECONDS.sleep(250); // polling interval of a bounded wait
        }
    }

    private static void log(String round, Leg leg) {
        LatencyFigures f = leg.figures();
        System.out.printf("%-12s %-6s %4d ok %3d failed  p50 %7.1f ms  p95 %7.1f ms  %6.2f/s  CPU %5.1f ms/sign-in"
                        + " (JIT %.1f, GC %.1f)  load %.2f%s%n", round, leg.variant().label, f.count(), leg.failures(),
                f.p50(), f.p95(), f.perSecond(), cpuMillisPerSignIn(List.of(leg)),
                threadCpuMillisPerSignIn(List.of(leg), ServerThreadsCpu.Kind.JIT),
                threadCpuMillisPerSignIn(List.of(leg), ServerThreadsCpu.Kind.GC), leg.loadAfter(),
                leg.failureSamples().isEmpty() ? "" : "  e.g. " + leg.failureSamples().get(0));
    }

    private static double cpuMillisPerSignIn(List<Leg> legs) {
        return millisPerSignIn(legs, Leg::serverCpuNanos);
    }

    private static double threadCpuMillisPerSignIn(List<Leg> legs, ServerThreadsCpu.Kind kind) {
        return millisPerSignIn(legs, l -> l.threadCpuNanos().getOrDefault(kind, 0L));
    }

    /** Nanoseconds summed over the legs, in milliseconds per counted sign-in. */
    private static double millisPerSignIn(List<Leg> legs, ToLongFunction<Leg> nanos) {
        long total = legs.stream().mapToLong(nanos).sum();
        long count = legs.stream().mapToLong(l -> l.nanos().length).sum();
        return count == 0 ? Double.NaN : total / 1e6 / count;
    }

    /** The process's CPU per sign-in less what its JIT compiler and garbage collector threads used. */
    private static double withoutJitAndGc(List<Leg> legs) {
        return cpuMillisPerSignIn(legs) - threadCpuMillisPerSignIn(legs, ServerThreadsCpu.Kind.JIT)
                - threadCpuMillisPerSignIn(legs, ServerThreadsCpu.Kind.GC);
    }

    private static LatencyFigures figures(List<Leg> legs) {
        return LatencyFigures.of(legs.stream().flatMapToLong(l -> Arrays.stream(l.nanos())).toArray(),
                legs.stream().mapToLong(Leg::wallNanos).sum());
    }

    private String report(List<Leg> legs, Instant started, double loadBefore, List<String> othersAtStart)
            throws IOException {
        Map<Variant, List<Leg>> byVariant = new EnumMap<>(Variant.class);
        Map<Variant, LatencyFigures> stats = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            byVariant.put(v, legs.stream().filter(l -> l.variant() == v).toList());
            stats.put(v, figures(byVariant.get(v)));
        }
        LatencyFigures stock = stats.get(Variant.STOCK);
        LatencyFigures casvp = stats.get(Variant.CASVP);
        double p50Ratio = casvp.p50() / stock.p50();
        double throughputRatio = casvp.perSecond() / stock.perSecond();
        int failures = legs.stream().mapToInt(Leg::failures).sum();

        StringBuilder md = new StringBuilder();
        md.append("# Sign-in latency: full casvp browser flow vs stock browser flow\n\n");
        md.append(String.format("Keycloak %s distribution with the bundle, one server, realm `bench`; %s.%n%n",
                ItSettings.keycloakVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        md.append("The everyday sign-in of an agent: known device (the browser keeps its `CASVP_DEVICE` cookie, "
                + "session cookies dropped before each sign-in), trusted network (127.0.0.1), no second factor due, "
                + "no admin role. Every sign-in: GET the authorization endpoint, POST identifier and password, 302 "
                + "to the redirect URI with a code; timed over both requests. Same browsers, same User-Agent "
                + "(Firefox 128), same address for both clients.\n\n");
        if (settings.movedBrowsers()) {
            md.append("Each casvp sign-in comes from a browser whose previous sign-in was on another network "
                    + "(casvp.bench.movedBrowsers: before each leg the browsers' last network is set to " + ELSEWHERE
                    + " in the database, and each agent signs in once per leg), so the device step also keeps the "
                    + "network the browser leaves, as when a laptop goes from home to the office.\n\n");
        }

        md.append("| variant | what | sign-ins | failed | p50 ms | p95 ms | mean ms | max ms | sign-ins/s "
                + "| server CPU ms per sign-in |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants) {
            LatencyFigures s = stats.get(v);
            int failed = byVariant.get(v).stream().mapToInt(Leg::failures).sum();
            md.append(String.format("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f |%n", v.label,
                    v.description, s.count(), failed, s.p50(), s.p95(), s.mean(), s.max(), s.perSecond(),
                    cpuMillisPerSignIn(byVariant.get(v))));
        }

        md.append("\nServer CPU ms per sign-in by kind of thread (from /proc: the JIT compiler's threads, the "
                + "garbage collector's, all other threads alive at the end of the leg, and the rest of the process's "
                + "CPU time: threads that ended during the leg):\n\n| variant | JIT compiler | garbage collector "
                + "| other threads | ended threads | without JIT and GC | in the kernel, all live threads |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants) {
            List<Leg> of = byVariant.get(v);
            double jit = threadCpuMillisPerSignIn(of, ServerThreadsCpu.Kind.JIT);
            double gc = threadCpuMillisPerSignIn(of, ServerThreadsCpu.Kind.GC);
            double other = threadCpuMillisPerSignIn(of, ServerThreadsCpu.Kind.OTHER);
            md.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", v.label, jit, gc, other,
                    cpuMillisPerSignIn(of) - jit - gc - other, withoutJitAndGc(of),
                    threadCpuMillisPerSignIn(of, ServerThreadsCpu.Kind.KERNEL)));
        }

        List<Double> p50Rounds = new ArrayList<>();
        List<Double> throughputRounds = new ArrayList<>();
        List<RatioInterval.Round> pairedRounds = new ArrayList<>();
        StringBuilder rounds = new StringBuilder();
        rounds.append("\nPer round, legs in the order run (load: 1-minute load average at the end of the leg; "
                + "other KC: other Keycloak JVMs on the machine at the start of the leg):\n\n");
        rounds.append("| round | order | stock p50 | casvp p50 | p50 ratio | stock /s | casvp /s | throughput ratio "
                + "| stock CPU ms | casvp CPU ms | load | other KC |\n");
        rounds.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (int round = 1; round <= settings.rounds(); round++) {
            int r = round;
            List<Leg> inRound = legs.stream().filter(l -> l.round() == r).toList();
            Leg s = inRound.stream().filter(l -> l.variant() == Variant.STOCK).findFirst().orElseThrow();
            Leg c = inRound.stream().filter(l -> l.variant() == Variant.CASVP).findFirst().orElseThrow();
            LatencyFigures sf = s.figures();
            LatencyFigures cf = c.figures();
            pairedRounds.add(new RatioInterval.Round(s.nanos(), s.wallNanos(), c.nanos(), c.wallNanos()));
            p50Rounds.add(cf.p50() / sf.p50());
            throughputRounds.add(cf.perSecond() / sf.perSecond());
            rounds.append(String.format("| %d | %s | %.1f | %.1f | %.3f | %.2f | %.2f | %.3f | %.1f | %.1f | %s | %s |%n",
                    round, inRound.stream().map(l -> l.variant().label).collect(Collectors.joining(" → ")),
                    sf.p50(), cf.p50(), cf.p50() / sf.p50(), sf.perSecond(), cf.perSecond(),
                    cf.perSecond() / sf.perSecond(), cpuMillisPerSignIn(List.of(s)), cpuMillisPerSignIn(List.of(c)),
                    inRound.stream().map(l -> String.format("%.2f", l.loadAfter())).collect(Collectors.joining(" → ")),
                    inRound.stream().map(l -> Integer.toString(l.otherServers())).collect(Collectors.joining(" → "))));
        }

        RatioInterval p50Interval = RatioInterval.ofP50(pairedRounds);
        RatioInterval throughputInterval = RatioInterval.ofThroughput(pairedRounds);
        md.append("\n| comparison | value | target | | 95 % interval (bootstrap over rounds) |\n"
                + "|---|---:|---:|---|---|\n");
        md.append(String.format("| casvp / stock, p50 | %.3f | ≤ %.2f | %s | %s |%n", p50Ratio, P50_RATIO_TARGET,
                p50Ratio <= P50_RATIO_TARGET ? "met" : "**missed**", p50Interval));
        md.append(String.format("| casvp / stock, throughput | %.3f | ≥ %.2f | %s | %s |%n", throughputRatio,
                THROUGHPUT_RATIO_TARGET, throughputRatio >= THROUGHPUT_RATIO_TARGET ? "met" : "**missed**",
                throughputInterval));
        md.append(String.format("| casvp / stock, p95 | %.3f | | | |%n", casvp.p95() / stock.p95()));
        md.append(String.format("| casvp / stock, mean | %.3f | | | |%n", casvp.mean() / stock.mean()));
        md.append(String.format("| casvp / stock, server CPU per sign-in | %.3f | | | |%n",
                cpuMillisPerSignIn(byVariant.get(Variant.CASVP)) / cpuMillisPerSignIn(byVariant.get(Variant.STOCK))));
        md.append(String.format("| casvp / stock, server CPU per sign-in without JIT compiler and GC threads | %.3f "
                + "| | | |%n", withoutJitAndGc(byVariant.get(Variant.CASVP)) / withoutJitAndGc(byVariant.get(Variant.STOCK))));
        md.append(String.format("| casvp − stock, p50 | %+.1f ms | | | |%n", casvp.p50() - stock.p50()));
        md.append(String.format("| p50 ratio per round: min – median – max | %.3f – %.3f – %.3f | | | |%n",
                Collections.min(p50Rounds), median(p50Rounds), Collections.max(p50Rounds)));
        md.append(String.format("| throughput ratio per round: min – median – max | %.3f – %.3f – %.3f | | | |%n",
                Collections.min(throughputRounds), median(throughputRounds), Collections.max(throughputRounds)));
        md.append(rounds);
        if (settings.profile()) {
            md.append(profile(byVariant, stats));
        }

        md.append("\nChecks (what the pages, the events and the mail catcher say):\n\n");
        md.append(String.format("- failed sign-ins in counted legs: %d%s%n", failures, failures == 0 ? ""
                : " — **a failure is a bug**, e.g. " + String.join("; ",
                legs.stream().flatMap(l -> l.failureSamples().stream()).limit(5).toList())));
        md.append(eventsReport());
        int mails = mail.getReceivedMessages().length;
        md.append(String.format("- mails received by the catcher: %d after the first sign-ins, %d at the end "
                        + "(waited up to %d s for late ones)%s%n", mailsAfterPriming, mails, MAIL_GRACE.toSeconds(),
                mails == 0 ? ": no new-device or unusual-network alert, as expected for known devices"
                        : " — **expected none**: " + subjects()));
        if (settings.movedBrowsers()) {
            md.append(String.format("- networks left behind and kept during each counted casvp leg, "
                    + "against its sign-ins: %s%n", networkWrites));
            if (networkWrites.stream().anyMatch(w -> w.kept() != w.signIns())) {
                problems.add("not every casvp sign-in kept the network its browser left: the moved case was not measured");
            }
        }
        for (String check : checks) {
            md.append("- ").append(check).append('\n');
        }
        for (String problem : problems) {
            md.append("- **").append(problem).append("**\n");
        }

        md.append("\nThe bench realm:\n\n");
        md.append(String.format("- copied from `casvp-realm.json`: %s%n", realm.copiedSettings()));
        md.append(String.format("- trusted networks (`casvp-trusted-networks`): `%s`%n", realm.trustedNetworks()));
        md.append(String.format("- required actions enabled: %s (Keycloak's defaults; none of the bundle's)%n",
                realm.enabledRequiredActions()));
        md.append("- not copied: the password policy (so `casvp-password-form` re-checks the password against no "
                + "policy at sign-in: its `casvp-breached` and `casvp-blocklist` re-check is not in these figures), "
                + "the user profile, groups; login theme: Keycloak's default for both clients\n");
        md.append(String.format("- User-Agent of every request: `%s`%n", USER_AGENT));

        md.append("\nFlow of `").append(FlowBenchRealm.CASVP_CLIENT)
                .append("` (built through the admin API from `casvp-realm.json`, checked against it):\n\n```\n")
                .append(realm.describeFlow("")).append("```\n");
        for (Variant v : variants) {
            if (v.trimmed != null) {
                md.append("\nFlow of `").append(v.clientId).append("` (profiling: ").append(v.description)
                        .append("):\n\n```\n").append(realm.describeFlow(v.trimmed.aliasPrefix())).append("```\n");
            }
        }

        md.append(BenchEnvironment.machineRows(loadBefore, server.startupMillis(),
                settings.postgres() ? "PostgreSQL on this machine (a new database)" : "dev-mem H2"));
        md.append(String.format("| other Keycloak JVMs, start → end | %s → %s |%n", describe(othersAtStart),
                describe(BenchEnvironment.otherKeycloakServers(server.pid()))));
        if (settings.serverProfiler() != ServerProfiler.NONE) {
            md.append(String.format("| server profiling | %s on (`%s`), which costs CPU too |%n",
                    settings.serverProfiler() == ServerProfiler.ASYNC ? "async-profiler" : "Java Flight Recorder",
                    JFR_FILE));
        }
        md.append(String.format("| users, workers | %d agents, %d concurrent workers (each with its own agents) |%n",
                settings.users(), settings.workers()));
        md.append(String.format("| counted | %d rounds × %d workers × %d sign-ins = %d sign-ins per variant |%n",
                settings.rounds(), settings.workers(), settings.signInsPerWorker(),
                settings.rounds() * settings.workers() * settings.signInsPerWorker()));
        md.append(String.format("| not counted | %d first sign-ins (known device from then on), 1 stock check, "
                + "%d warm-up round(s) |%n", settings.users(), settings.warmupRounds()));
        md.append(String.format("| duration | %d s |%n", Duration.between(started, Instant.now()).toSeconds()));
        return md.toString();
    }

    /**
     * From the stock flow to the whole casvp flow, one part at a time: what each part adds to the
     * server's CPU time per sign-in (little disturbed by other work on the machine, unlike
     * latency) and to the p50.
     */
    private static String profile(Map<Variant, List<Leg>> byVariant, Map<Variant, LatencyFigures> stats) {
        StringBuilder md = new StringBuilder();
        md.append("\nWhere the time goes (profiling run; each row adds one part to the row above):\n\n");
        md.append("| variant | what it adds | p50 ms | p50 added | server CPU ms per sign-in | CPU added |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        Map<Variant, String> adds = Map.of(
                Variant.STOCK, "",
                Variant.PASSWORD_ONLY, "casvp skeleton and `casvp-password-form` instead of the stock browser flow",
                Variant.NO_DEVICE, "outdated-browser check, password expiry, trusted-network gate, the three "
                        + "conditional second-factor sub-flows",
                Variant.CASVP, "`casvp-device-recognition`");
        Variant previous = null;
        for (Variant v : List.of(Variant.STOCK, Variant.PASSWORD_ONLY, Variant.NO_DEVICE, Variant.CASVP)) {
            double cpu = cpuMillisPerSignIn(byVariant.get(v));
            double p50 = stats.get(v).p50();
            md.append(String.format("| %s | %s | %.1f | %s | %.1f | %s |%n", v.label, adds.get(v), p50,
                    previous == null ? "" : String.format("%+.1f ms", p50 - stats.get(previous).p50()), cpu,
                    previous == null ? "" : String.format("%+.1f ms", cpu - cpuMillisPerSignIn(byVariant.get(previous)))));
            previous = v;
        }
        return md.toString();
    }

    /** LOGIN and LOGIN_ERROR events of each client, and what the device step recorded on the casvp ones. */
    private String eventsReport() {
        StringBuilder text = new StringBuilder();
        for (Variant v : variants) {
            List<EventRepresentation> logins = realm.events("LOGIN", v.clientId, 1_000_000);
            List<EventRepresentation> errors = realm.events("LOGIN_ERROR", v.clientId, 1_000_000);
            text.append(String.format("- `%s`: %d LOGIN events for %d sign-ins that reached the redirect "
                            + "(first sign-ins and warm-up included), %d LOGIN_ERROR%s%n", v.clientId, logins.size(),
                    signedIn.get(v).get(), errors.size(),
                    errors.isEmpty() ? "" : " " + tally(errors, e -> String.valueOf(e.getError()))));
            if (v == Variant.CASVP) {
                Map<String, Long> device = tally(logins, e -> detail(e, "casvp_device"));
                Map<String, Long> network = tally(logins, e -> detail(e, "casvp_network"));
                Map<String, Long> alert = tally(logins, e -> detail(e, "casvp_alert"));
                text.append(String.format("  - `casvp_device` %s (expected: `first` × %d, the rest `known`); "
                        + "`casvp_network` %s; `casvp_alert` %s (expected: all `none`)%n", device, settings.users(),
                        network, alert));
                long unexpected = logins.size() - device.getOrDefault("known", 0L) - device.getOrDefault("first", 0L);
                if (device.getOrDefault("first", 0L) != settings.users() || unexpected != 0
                        || alert.keySet().stream().anyMatch(k -> !"none".equals(k))) {
                    problems.add("the device step's events are not those of known devices: " + device + ", alerts "
                            + alert);
                }
            }
        }
        return text.toString();
    }

    private String subjects() {
        return Arrays.stream(mail.getReceivedMessages()).limit(3).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                return "(no subject)";
            }
        }).collect(Collectors.joining("; "));
    }

    private static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? "(none)" : event.getDetails().getOrDefault(key, "(none)");
    }

    private static Map<String, Long> tally(List<EventRepresentation> events, Function<EventRepresentation, String> key) {
        return events.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String describe(List<String> servers) {
        return servers.isEmpty() ? "none" : servers.size() + " (" + String.join("; ", servers) + ")";
    }
}
