package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.PostgresDatabase;
import org.keycloak.representations.idm.EventRepresentation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sign-in latency of the whole casvp browser flow ({@code -Pbench-flow}), for the everyday
 * sign-in of an agent — known device, trusted network, no second factor due — against
 * Keycloak's built-in {@code browser} flow.
 *
 * <p>The realm (see {@link FlowBenchRealm}) has a client bound to the built-in flow, a client
 * bound to a copy of {@code casvp browser} built from {@code casvp-realm.json}, a pool of agents
 * without a second factor or an admin role, and 127.0.0.0/8 among the trusted networks. Each
 * agent has its own browser ({@link AgentBrowser}), and each worker its own share of the agents,
 * so that a device cookie has one user at a time; before the warm-up each agent signs in once
 * through the casvp client (not measured), which makes that browser a known device. Every
 * measured sign-in, through either client: the agent's browser is closed and reopened (the
 * device cookie stays, the session cookies go), GET of the authorization endpoint, POST of the
 * identifier and password, a 302 to the redirect URI with a code; its time is the time of both
 * requests. Both clients see the same browsers, the same User-Agent (a current Firefox) and the
 * same address (127.0.0.1).
 *
 * <p>A casvp sign-in counts only if it reached the redirect and the device step renewed the
 * browser's device cookie (it does at every sign-in); anything else is a failure, reported.
 * Afterwards the realm's stored events must say {@code casvp_device=known} and
 * {@code casvp_alert=none} for every measured casvp sign-in, and the mail catcher must have
 * received nothing (no new-device alert).
 *
 * <p>Legs are short (about 5 s) and many, so that the other work this shared machine runs
 * changes little within a round and hits both variants alike. Warm-up rounds are many: a server
 * in service is warm, and this one is not for a long time. The JIT compiler keeps working for
 * thousands of sign-ins, longer for the casvp flow, whose own code runs in half the legs only (so
 * it reaches the compile thresholds at half the rate): with 8 warm-up rounds its compiler threads
 * still used 5–8 ms of CPU per casvp sign-in after 30 counted rounds, against 0–2 for stock. For
 * each leg the report gives the Keycloak process's CPU time per sign-in, split between the JIT
 * compiler, the garbage collector and the rest ({@link ServerThreadsCpu}), and the load of the
 * machine; the p50 and throughput ratios come with a 95 % interval ({@link RatioInterval}).
 *
 * <p>To see where the time goes, {@code -Dcasvp.bench.profile=true} adds two variants, each a
 * copy of the casvp flow with parts left out (its own client): without the device step, and
 * with the password form alone. {@code -Dcasvp.bench.serverProfiler=jfr} or {@code =async}
 * records the server ({@link ServerProfiler}).
 *
 * <p>Counts: {@code -Dcasvp.bench.rounds=30 -Dcasvp.bench.workers=4
 * -Dcasvp.bench.signInsPerWorker=15 -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=40};
 * {@code -Dcasvp.bench.db=postgres} runs the server on a new database of the local PostgreSQL
 * (as in production) instead of the in-memory H2, whose SQL engine runs inside the Keycloak
 * process; with it, {@code -Dcasvp.bench.movedBrowsers=true -Dcasvp.bench.users=60} makes every
 * sign-in one from a browser whose previous sign-in was on another network
 * ({@link MovedBrowsers}). Report: {@code target/bench/full-flow-latency.md}.
 */
final class FullFlowScenario extends Scenario {

    private static final double P50_RATIO_TARGET = 1.05;
    private static final double THROUGHPUT_RATIO_TARGET = 0.95;
    private static final Duration MAIL_GRACE = Duration.ofSeconds(10);
    /** What the agents' browsers say they are: a current browser, so the outdated-browser step passes. */
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 "
            + "Firefox/128.0";

    private static final String DEVICE_PROVIDER = "casvp-device-recognition";
    private static final Variant STOCK = new Variant("stock", "built-in `browser` flow", BenchRealm.STOCK_CLIENT);
    private static final Variant CASVP = new Variant("casvp", "copy of the whole `casvp browser` flow",
            FlowBenchRealm.CASVP_CLIENT);
    private static final FlowBenchRealm.Trimmed NO_DEVICE_COPY = new FlowBenchRealm.Trimmed("bench-casvp-no-device",
            "no device - ", Set.of(DEVICE_PROVIDER));
    private static final Variant NO_DEVICE = new Variant("casvp − device step",
            "the same without `casvp-device-recognition`", NO_DEVICE_COPY.clientId());
    private static final FlowBenchRealm.Trimmed PASSWORD_ONLY_COPY = new FlowBenchRealm.Trimmed(
            "bench-casvp-password-only", "password only - ", Set.of(DEVICE_PROVIDER,
            "casvp-outdated-browser", "casvp-password-expiry", "casvp-trusted-network-gate",
            "casvp outside second factor", "casvp browser second factor", "casvp admin second factor"));
    private static final Variant PASSWORD_ONLY = new Variant("casvp password form only",
            "`casvp browser` with `casvp-password-form` alone in its forms", PASSWORD_ONLY_COPY.clientId());
    /** The profiling variants' copies of the casvp flow, each with parts left out. */
    private static final Map<Variant, FlowBenchRealm.Trimmed> TRIMMED = Map.of(NO_DEVICE, NO_DEVICE_COPY,
            PASSWORD_ONLY, PASSWORD_ONLY_COPY);

    /** {@code casvp.bench.profile}: the profiling variants run too. */
    private final boolean profile = variants().contains(NO_DEVICE);
    private final ServerProfiler profiler = ServerProfiler.fromSystemProperty();
    private final boolean postgres = postgres();
    private final boolean movedBrowsers = Boolean.getBoolean("casvp.bench.movedBrowsers");
    /** The agents of each worker: a worker only ever signs in its own, so a device cookie has one user at a time. */
    private final List<List<AgentBrowser>> agents = new ArrayList<>();
    private final int[] nextAgent = new int[counts().workers()];
    /** Sign-ins that reached the redirect, per variant, priming and warm-up included: one LOGIN event each. */
    private final Map<Variant, AtomicInteger> signedIn = new HashMap<>();
    private final List<String> checks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private PostgresDatabase database;
    /** With {@code casvp.bench.movedBrowsers}: the browsers' last network, changed between legs. */
    private MovedBrowsers moved;
    private DistributionKeycloak server;
    private GreenMail mail;
    private FlowBenchRealm realm;
    private List<String> othersAtStart;
    private int mailsAfterPriming;

    FullFlowScenario() {
        super(new Counts(30, 40, 4, 15, 40).fromSystemProperties("casvp.bench.signInsPerWorker"),
                Boolean.getBoolean("casvp.bench.profile") ? List.of(STOCK, CASVP, NO_DEVICE, PASSWORD_ONLY)
                        : List.of(STOCK, CASVP),
                "Sign-in latency: full casvp browser flow vs stock browser flow", "full-flow-latency.md");
        if (System.getProperty("casvp.bench.firstOfHour") != null) {
            throw new IllegalArgumentException("casvp.bench.firstOfHour is gone: a browser that stays on its "
                    + "network writes no network row whatever the hour; -Dcasvp.bench.movedBrowsers=true measures "
                    + "the sign-ins that do");
        }
        if (counts().users() < counts().workers()) {
            throw new IllegalArgumentException("casvp.bench.users must be at least casvp.bench.workers: "
                    + "each worker signs in its own agents");
        }
        if (movedBrowsers && (!postgres || counts().users() < counts().workers() * counts().perWorker())) {
            throw new IllegalArgumentException("casvp.bench.movedBrowsers needs -Dcasvp.bench.db=postgres (the bench "
                    + "moves the browsers' last network in that database) and casvp.bench.users at least "
                    + "workers × signInsPerWorker (" + counts().workers() * counts().perWorker()
                    + "), so that each agent signs in once per leg");
        }
        for (Variant v : variants()) {
            signedIn.put(v, new AtomicInteger());
        }
    }

    /** {@code casvp.bench.db}: {@code dev-mem} (default, in-memory H2) or {@code postgres} (a new database on the local server). */
    private static boolean postgres() {
        String db = System.getProperty("casvp.bench.db", "dev-mem");
        if (!db.equals("dev-mem") && !db.equals("postgres")) {
            throw new IllegalArgumentException("casvp.bench.db must be dev-mem or postgres, not " + db);
        }
        return db.equals("postgres");
    }

    @Override
    String userAgent() {
        return USER_AGENT;
    }

    /** The server under the profiler, if any, and on a new PostgreSQL database with {@code casvp.bench.db=postgres}. */
    @Override
    Map<String, String> prepare(Path output) {
        Map<String, String> environment = new HashMap<>(profiler.serverEnvironment(output));
        if (postgres) {
            database = PostgresDatabase.create();
            environment.putAll(database.keycloakEnvironment());
            if (movedBrowsers) {
                moved = new MovedBrowsers(database);
            }
        }
        return environment;
    }

    /** Mails would go to {@code mail}; with known devices on a trusted network none is expected. */
    @Override
    void setUp(DistributionKeycloak server, GreenMail mail) throws IOException {
        this.server = server;
        this.mail = mail;
        this.othersAtStart = BenchEnvironment.otherKeycloakServers(server.pid());
        this.realm = FlowBenchRealm.create(server.admin(), ItSettings.realmImportDir(), counts().users(),
                mail.getSmtp().getPort(),
                variants().stream().filter(TRIMMED::containsKey).map(TRIMMED::get).toList());
        for (int w = 0; w < counts().workers(); w++) {
            agents.add(new ArrayList<>());
        }
        List<BenchRealm.User> users = realm.bench().users();
        for (int i = 0; i < users.size(); i++) {
            agents.get(i % counts().workers()).add(new AgentBrowser(users.get(i)));
        }
    }

    /**
     * Not measured: each agent signs in once through the casvp client (a first device: no
     * alert, no second factor), so its browser is a known device from now on; and one agent
     * once through the stock client, so both clients are known to work before the warm-up.
     */
    @Override
    void prime(Workers workers) throws InterruptedException {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        workers.run((worker, browser) -> {
            for (AgentBrowser agent : agents.get(worker)) {
                BrowserSignIn.Result result = signIn(browser, agent, CASVP);
                if (!result.ok()) {
                    failures.add(agent.user().username() + ": " + result.failure());
                } else if (agent.deviceCookie().isEmpty()) {
                    failures.add(agent.user().username() + ": signed in but got no device cookie");
                }
            }
        }, counts().users());
        if (!failures.isEmpty()) {
            throw BenchEnvironment.serverFailure(server, "First sign-ins failed (" + failures.size() + "), e.g. "
                    + failures.get(0));
        }
        AgentBrowser first = agents.get(0).get(0);
        List<String> before = first.cookieNames();
        first.reopened();
        checks.add(String.format("after a casvp sign-in an agent's browser holds %s; closed and reopened, %s",
                before, first.cookieNames()));
        BrowserSignIn.Result stock = signIn(workers.browser(0), first, STOCK);
        if (!stock.ok()) {
            throw BenchEnvironment.serverFailure(server, "A known agent does not sign in through "
                    + BenchRealm.STOCK_CLIENT + ": " + stock.failure());
        }
        mailsAfterPriming = mail.getReceivedMessages().length;
        System.out.printf("Primed %d agents with a known device; mails so far: %d%n", counts().users(),
                mailsAfterPriming);
    }

    @Override
    void beforeLeg(int round, Variant variant) {
        if (moved != null) {
            moved.moveAway();
        }
    }

    @Override
    Outcome attempt(BrowserSignIn browser, int worker, Variant variant) {
        List<AgentBrowser> mine = agents.get(worker);
        AgentBrowser agent = mine.get(nextAgent[worker]++ % mine.size());
        Optional<String> deviceBefore = agent.deviceCookie();
        BrowserSignIn.Result result = signIn(browser, agent, variant);
        String failure = result.failure();
        if (failure == null && variant == CASVP
                && (agent.deviceCookie().isEmpty() || agent.deviceCookie().equals(deviceBefore))) {
            failure = "reached the redirect, but the device cookie was not renewed";
        }
        return Outcome.of(agent.user().username(), result.nanos(), failure);
    }

    /** The agent's browser, closed and reopened (device cookie kept), signs in through the variant's client. */
    private BrowserSignIn.Result signIn(BrowserSignIn browser, AgentBrowser agent, Variant variant) {
        BrowserSignIn.Result result = browser.signIn(variant.clientId(), agent.user().username(),
                agent.user().password(), agent.reopened());
        if (result.ok()) {
            signedIn.get(variant).incrementAndGet();
        }
        return result;
    }

    @Override
    String afterLeg(Leg leg) {
        if (moved != null && leg.round() > 0 && leg.variant() == CASVP) {
            moved.countWrites(leg.nanos().length);
        }
        Legs one = new Legs(List.of(leg));
        return String.format("  %6.2f/s  CPU %5.1f ms/sign-in (JIT %.1f, GC %.1f)  load %.2f",
                leg.figures().perSecond(), one.cpuMillisPerTry(), one.threadCpuMillisPerTry(ServerThreadsCpu.Kind.JIT),
                one.threadCpuMillisPerTry(ServerThreadsCpu.Kind.GC), leg.loadAfter());
    }

    /** Alerts leave after the sign-in, off the request thread: give a late one time to arrive before counting. */
    @Override
    void afterRounds() throws InterruptedException {
        long deadline = System.nanoTime() + MAIL_GRACE.toNanos();
        while (System.nanoTime() < deadline && mail.getReceivedMessages().length == 0) {
            TimeUnit.MILLISECONDS.sleep(250); // polling interval of a bounded wait
        }
    }

    @Override
    String figures(Legs legs) {
        LatencyFigures stock = legs.of(STOCK).figures();
        LatencyFigures casvp = legs.of(CASVP).figures();
        double p50Ratio = casvp.p50() / stock.p50();
        double throughputRatio = casvp.perSecond() / stock.perSecond();
        int failures = legs.failures();

        StringBuilder md = new StringBuilder();
        md.append("The everyday sign-in of an agent: known device (the browser keeps its `CASVP_DEVICE` cookie, "
                + "session cookies dropped before each sign-in), trusted network (127.0.0.1), no second factor due, "
                + "no admin role. Every sign-in: GET the authorization endpoint, POST identifier and password, 302 "
                + "to the redirect URI with a code; timed over both requests. Same browsers, same User-Agent "
                + "(Firefox 128), same address for both clients.\n\n");
        if (movedBrowsers) {
            md.append("Each casvp sign-in comes from a browser whose previous sign-in was on another network "
                    + "(casvp.bench.movedBrowsers: before each leg the browsers' last network is set to "
                    + MovedBrowsers.ELSEWHERE + " in the database, and each agent signs in once per leg), so the "
                    + "device step also keeps the network the browser leaves, as when a laptop goes from home to the "
                    + "office.\n\n");
        }

        md.append("| variant | what | sign-ins | failed | p50 ms | p95 ms | mean ms | max ms | sign-ins/s "
                + "| server CPU ms per sign-in |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants()) {
            md.append(String.format("| %s | %s | %.1f |%n", legs.variantCells(v), legs.figureCells(v),
                    legs.of(v).cpuMillisPerTry()));
        }

        md.append("\nServer CPU ms per sign-in by kind of thread (from /proc: the JIT compiler's threads, the "
                + "garbage collector's, all other threads alive at the end of the leg, and the rest of the process's "
                + "CPU time: threads that ended during the leg):\n\n| variant | JIT compiler | garbage collector "
                + "| other threads | ended threads | without JIT and GC | in the kernel, all live threads |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants()) {
            Legs of = legs.of(v);
            double jit = of.threadCpuMillisPerTry(ServerThreadsCpu.Kind.JIT);
            double gc = of.threadCpuMillisPerTry(ServerThreadsCpu.Kind.GC);
            double other = of.threadCpuMillisPerTry(ServerThreadsCpu.Kind.OTHER);
            md.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", v.label(), jit, gc, other,
                    of.cpuMillisPerTry() - jit - gc - other, of.cpuMillisWithoutJitAndGc(),
                    of.threadCpuMillisPerTry(ServerThreadsCpu.Kind.KERNEL)));
        }

        List<Double> p50Rounds = new ArrayList<>();
        List<Double> throughputRounds = new ArrayList<>();
        StringBuilder rounds = new StringBuilder();
        rounds.append("\nPer round, legs in the order run (load: 1-minute load average at the end of the leg; "
                + "other KC: other Keycloak JVMs on the machine at the start of the leg):\n\n");
        rounds.append("| round | order | stock p50 | casvp p50 | p50 ratio | stock /s | casvp /s | throughput ratio "
                + "| stock CPU ms | casvp CPU ms | load | other KC |\n");
        rounds.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<Legs> byRound = legs.rounds();
        for (int r = 0; r < byRound.size(); r++) {
            Legs inRound = byRound.get(r);
            LatencyFigures sf = inRound.of(STOCK).figures();
            LatencyFigures cf = inRound.of(CASVP).figures();
            p50Rounds.add(cf.p50() / sf.p50());
            throughputRounds.add(cf.perSecond() / sf.perSecond());
            rounds.append(String.format("| %d | %s | %.1f | %.1f | %.3f | %.2f | %.2f | %.3f | %.1f | %.1f | %s | %s |%n",
                    r + 1, inRound.order(), sf.p50(), cf.p50(), cf.p50() / sf.p50(), sf.perSecond(), cf.perSecond(),
                    cf.perSecond() / sf.perSecond(), inRound.of(STOCK).cpuMillisPerTry(),
                    inRound.of(CASVP).cpuMillisPerTry(),
                    inRound.list().stream().map(l -> String.format("%.2f", l.loadAfter()))
                            .collect(Collectors.joining(" → ")),
                    inRound.list().stream().map(l -> Integer.toString(l.otherServers()))
                            .collect(Collectors.joining(" → "))));
        }

        List<RatioInterval.Round> paired = legs.paired(STOCK, CASVP);
        Legs stockLegs = legs.of(STOCK);
        Legs casvpLegs = legs.of(CASVP);
        md.append("\n| comparison | value | target | | 95 % interval (bootstrap over rounds) |\n"
                + "|---|---:|---:|---|---|\n");
        md.append(String.format("| casvp / stock, p50 | %.3f | ≤ %.2f | %s | %s |%n", p50Ratio, P50_RATIO_TARGET,
                p50Ratio <= P50_RATIO_TARGET ? "met" : "**missed**", RatioInterval.ofP50(paired)));
        md.append(String.format("| casvp / stock, throughput | %.3f | ≥ %.2f | %s | %s |%n", throughputRatio,
                THROUGHPUT_RATIO_TARGET, throughputRatio >= THROUGHPUT_RATIO_TARGET ? "met" : "**missed**",
                RatioInterval.ofThroughput(paired)));
        md.append(String.format("| casvp / stock, p95 | %.3f | | | |%n", casvp.p95() / stock.p95()));
        md.append(String.format("| casvp / stock, mean | %.3f | | | |%n", casvp.mean() / stock.mean()));
        md.append(String.format("| casvp / stock, server CPU per sign-in | %.3f | | | |%n",
                casvpLegs.cpuMillisPerTry() / stockLegs.cpuMillisPerTry()));
        md.append(String.format("| casvp / stock, server CPU per sign-in without JIT compiler and GC threads | %.3f "
                + "| | | |%n", casvpLegs.cpuMillisWithoutJitAndGc() / stockLegs.cpuMillisWithoutJitAndGc()));
        md.append(String.format("| casvp − stock, p50 | %+.1f ms | | | |%n", casvp.p50() - stock.p50()));
        md.append(String.format("| p50 ratio per round: min – median – max | %.3f – %.3f – %.3f | | | |%n",
                Collections.min(p50Rounds), median(p50Rounds), Collections.max(p50Rounds)));
        md.append(String.format("| throughput ratio per round: min – median – max | %.3f – %.3f – %.3f | | | |%n",
                Collections.min(throughputRounds), median(throughputRounds), Collections.max(throughputRounds)));
        md.append(rounds);
        if (profile) {
            md.append(profile(legs));
        }

        md.append("\nChecks (what the pages, the events and the mail catcher say):\n\n");
        md.append(String.format("- failed sign-ins in counted legs: %d%s%n", failures, failures == 0 ? ""
                : " — **a failure is a bug**, e.g. " + String.join("; ", legs.failureSamples())));
        md.append(eventsReport());
        int mails = mail.getReceivedMessages().length;
        md.append(String.format("- mails received by the catcher: %d after the first sign-ins, %d at the end "
                        + "(waited up to %d s for late ones)%s%n", mailsAfterPriming, mails, MAIL_GRACE.toSeconds(),
                mails == 0 ? ": no new-device or unusual-network alert, as expected for known devices"
                        : " — **expected none**: " + subjects()));
        if (moved != null) {
            md.append(String.format("- networks left behind and kept during each counted casvp leg, "
                    + "against its sign-ins: %s%n", moved.writes()));
            if (!moved.allKept()) {
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
        for (Variant v : variants()) {
            if (TRIMMED.containsKey(v)) {
                md.append("\nFlow of `").append(v.clientId()).append("` (profiling: ").append(v.description())
                        .append("):\n\n```\n").append(realm.describeFlow(TRIMMED.get(v).aliasPrefix()))
                        .append("```\n");
            }
        }
        return md.toString();
    }

    /**
     * From the stock flow to the whole casvp flow, one part at a time: what each part adds to the
     * server's CPU time per sign-in (little disturbed by other work on the machine, unlike
     * latency) and to the p50.
     */
    private static String profile(Legs legs) {
        StringBuilder md = new StringBuilder();
        md.append("\nWhere the time goes (profiling run; each row adds one part to the row above):\n\n");
        md.append("| variant | what it adds | p50 ms | p50 added | server CPU ms per sign-in | CPU added |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        Map<Variant, String> adds = Map.of(
                STOCK, "",
                PASSWORD_ONLY, "casvp skeleton and `casvp-password-form` instead of the stock browser flow",
                NO_DEVICE, "outdated-browser check, password expiry, trusted-network gate, the three "
                        + "conditional second-factor sub-flows",
                CASVP, "`casvp-device-recognition`");
        Variant previous = null;
        for (Variant v : List.of(STOCK, PASSWORD_ONLY, NO_DEVICE,
                CASVP)) {
            double cpu = legs.of(v).cpuMillisPerTry();
            double p50 = legs.of(v).figures().p50();
            md.append(String.format("| %s | %s | %.1f | %s | %.1f | %s |%n", v.label(), adds.get(v), p50,
                    previous == null ? "" : String.format("%+.1f ms", p50 - legs.of(previous).figures().p50()), cpu,
                    previous == null ? "" : String.format("%+.1f ms", cpu - legs.of(previous).cpuMillisPerTry())));
            previous = v;
        }
        return md.toString();
    }

    /** LOGIN and LOGIN_ERROR events of each client, and what the device step recorded on the casvp ones. */
    private String eventsReport() {
        StringBuilder text = new StringBuilder();
        for (Variant v : variants()) {
            List<EventRepresentation> logins = realm.bench().events("LOGIN", v.clientId());
            List<EventRepresentation> errors = realm.bench().events("LOGIN_ERROR", v.clientId());
            text.append(String.format("- `%s`: %d LOGIN events for %d sign-ins that reached the redirect "
                            + "(first sign-ins and warm-up included), %d LOGIN_ERROR%s%n", v.clientId(), logins.size(),
                    signedIn.get(v).get(), errors.size(),
                    errors.isEmpty() ? "" : " " + BenchRealm.tally(errors, e -> String.valueOf(e.getError()))));
            if (v == CASVP) {
                Map<String, Long> device = BenchRealm.tally(logins, e -> BenchRealm.detail(e, "casvp_device"));
                Map<String, Long> network = BenchRealm.tally(logins, e -> BenchRealm.detail(e, "casvp_network"));
                Map<String, Long> alert = BenchRealm.tally(logins, e -> BenchRealm.detail(e, "casvp_alert"));
                text.append(String.format("  - `casvp_device` %s (expected: `first` × %d, the rest `known`); "
                        + "`casvp_network` %s; `casvp_alert` %s (expected: all `none`)%n", device, counts().users(),
                        network, alert));
                long unexpected = logins.size() - device.getOrDefault("known", 0L) - device.getOrDefault("first", 0L);
                if (device.getOrDefault("first", 0L) != counts().users() || unexpected != 0
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

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    String database() {
        return postgres ? "PostgreSQL on this machine (a new database)" : "dev-mem H2";
    }

    @Override
    String runRows() {
        Counts counts = counts();
        StringBuilder md = new StringBuilder();
        md.append(String.format("| other Keycloak JVMs, start → end | %s → %s |%n", describe(othersAtStart),
                describe(BenchEnvironment.otherKeycloakServers(server.pid()))));
        if (profiler != ServerProfiler.NONE) {
            md.append(String.format("| server profiling | %s on (`%s`), which costs CPU too |%n",
                    profiler.description(), ServerProfiler.RECORDING));
        }
        md.append(String.format("| users, workers | %d agents, %d concurrent workers (each with its own agents) |%n",
                counts.users(), counts.workers()));
        md.append(String.format("| counted | %d rounds × %d workers × %d sign-ins = %d sign-ins per variant |%n",
                counts.rounds(), counts.workers(), counts.perWorker(), counts.countedPerVariant()));
        md.append(String.format("| not counted | %d first sign-ins (known device from then on), 1 stock check, "
                + "%d warm-up round(s) |%n", counts.users(), counts.warmupRounds()));
        return md.toString();
    }

    private static String describe(List<String> servers) {
        return servers.isEmpty() ? "none" : servers.size() + " (" + String.join("; ", servers) + ")";
    }

    /** With a server profiler: what the server's CPU went to, from the recording it wrote when it stopped. */
    @Override
    String afterServer(Legs legs, Path output) throws IOException {
        return profiler.breakdown(output, legs, variants());
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
