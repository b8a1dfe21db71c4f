package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import org.keycloak.representations.idm.EventRepresentation;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sign-in latency of the {@code casvp-device-recognition} step: the built-in browser flow
 * against a copy of it that ends its forms with the device step, on the same server in the
 * same run; and the device step with a normal SMTP server against one that waits before
 * each reply, to show that alert mails never hold up a sign-in.
 *
 * <p>One Keycloak (its own unpacked distribution under {@code target/bench-keycloak}, with
 * the bundle in {@code providers/}) serves a realm {@code bench} created through the admin
 * API: a client per flow, a pool of users, stored events, the casvp e-mail theme. Every
 * measured sign-in is a <em>new-device</em> sign-in: a fresh cookie jar, GET of the
 * authorization endpoint, POST of the username and password, a 302 to the redirect URI with
 * a code; its time is the time of both requests. Each user first signs in once through the
 * device flow (not measured), so every later device-flow sign-in is a new device for a user
 * who already has one, and queues an alert mail.
 *
 * <p>Each round runs three legs, one per variant, in an order that rotates from round to
 * round so machine noise (the machine may be running other builds) hits every variant alike:
 * <ul>
 *   <li>{@code stock}: the built-in {@code browser} flow, mails to GreenMail;</li>
 *   <li>{@code device}: the flow with the device step, mails to GreenMail;</li>
 *   <li>{@code device, slow SMTP}: the same flow, the realm's SMTP server switched to
 *       {@link SlowSmtpServer}, which waits {@code casvp.bench.smtpDelayMillis} before its
 *       greeting and every reply.</li>
 * </ul>
 * In a leg, {@code casvp.bench.workers} threads each run {@code casvp.bench.signInsPerWorker}
 * sign-ins back to back. Before each leg, mails still queued by earlier legs are given a
 * bounded time to leave (through GreenMail), so each leg starts from an idle mail queue.
 * A warm-up round ({@code casvp.bench.warmupRounds}) is not counted.
 *
 * <p>Run, after {@code mvn -B -q install -DskipTests} at the top level:
 * {@code mvn -B -Pbench-devices -pl integration-tests verify}. Counts can be changed with
 * {@code -Dcasvp.bench.rounds=6 -Dcasvp.bench.workers=4 -Dcasvp.bench.signInsPerWorker=25
 * -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=1 -Dcasvp.bench.smtpDelayMillis=2000}.
 * The Markdown report is printed and written to {@code target/bench/device-latency.md}.
 */
public final class DeviceLatencyComparison {

    private static final double P95_RATIO_TARGET = 1.25;
    private static final double SLOW_SMTP_P95_TARGET_MS = 50;
    private static final Duration MAIL_DRAIN_LIMIT = Duration.ofSeconds(60);
    private static final Duration FINAL_MAIL_DRAIN_LIMIT = Duration.ofSeconds(120);
    private static final String COMMAND = "mvn -B -Pbench-devices -pl integration-tests verify";
    private static final Duration SIGN_IN_BOUND = Duration.ofSeconds(70); // both requests time out at 30 s

    /** What the run does; every count comes from a system property. */
    record Settings(int rounds, int warmupRounds, int workers, int signInsPerWorker, int users, Duration smtpDelay) {

        static Settings fromSystemProperties() {
            return new Settings(
                    BenchEnvironment.positive("casvp.bench.rounds", 6),
                    Math.max(0, Integer.getInteger("casvp.bench.warmupRounds", 1)),
                    BenchEnvironment.positive("casvp.bench.workers", 4),
                    BenchEnvironment.positive("casvp.bench.signInsPerWorker", 25),
                    BenchEnvironment.positive("casvp.bench.users", 40),
                    Duration.ofMillis(BenchEnvironment.positive("casvp.bench.smtpDelayMillis", 2000)));
        }

    }

    enum Variant {
        STOCK("stock", "built-in browser flow", BenchRealm.STOCK_CLIENT, false),
        DEVICE("device", "browser flow + device step, normal SMTP", BenchRealm.DEVICE_CLIENT, false),
        DEVICE_SLOW_SMTP("device, slow SMTP", "browser flow + device step, slow SMTP", BenchRealm.DEVICE_CLIENT, true);

        final String label;
        final String description;
        final String clientId;
        final boolean slowSmtp;

        Variant(String label, String description, String clientId, boolean slowSmtp) {
            this.label = label;
            this.description = description;
            this.clientId = clientId;
            this.slowSmtp = slowSmtp;
        }
    }

    /** One leg: a variant run by every worker at once. */
    record Leg(int round, Variant variant, long[] nanos, int failures, List<String> failureSamples, long wallNanos) {
    }

    /** Latency figures of one variant over the counted legs. */
    record Stats(int signIns, int failures, double p50, double p95, double mean, double max, double perSecond) {

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
    private final BenchRealm realm;
    private final GreenMail mail;
    private final SlowSmtpServer slowSmtp;
    private final ExecutorService pool;
    private final BrowserSignIn[] browsers;
    private final AtomicInteger userCursor = new AtomicInteger();
    private final List<String> notes = new ArrayList<>();
    /** Successful device-flow sign-ins after each user's first one: one alert mail each. */
    private int alertsExpected;

    private DeviceLatencyComparison(Settings settings, DistributionKeycloak server, BenchRealm realm, GreenMail mail,
                                    SlowSmtpServer slowSmtp) {
        this.settings = settings;
        this.server = server;
        this.realm = realm;
        this.mail = mail;
        this.slowSmtp = slowSmtp;
        this.pool = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "bench-sign-in");
            thread.setDaemon(true);
            return thread;
        });
        this.browsers = new BrowserSignIn[settings.workers()];
        for (int i = 0; i < browsers.length; i++) {
            browsers[i] = new BrowserSignIn(server.baseUrl(), BenchRealm.NAME);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path home = Paths.get(BenchEnvironment.required("casvp.bench.home", COMMAND)).toAbsolutePath().normalize();
        Path output = Files.createDirectories(ItSettings.outputDir());
        double loadBefore = BenchEnvironment.loadAverage();
        Instant started = Instant.now();

        GreenMail mail = BenchEnvironment.mailCatcher();
        try (SlowSmtpServer slow = SlowSmtpServer.start(settings.smtpDelay())) {
            try (DistributionKeycloak server = BenchEnvironment.startServer(home, output, mail, Map.of())) {
                BenchRealm realm = BenchRealm.create(server.admin(), settings.users(), mail.getSmtp().getPort());
                DeviceLatencyComparison bench = new DeviceLatencyComparison(settings, server, realm, mail, slow);
                try {
                    List<Leg> legs = bench.run();
                    String report = bench.report(legs, started, loadBefore);
                    System.out.println();
                    System.out.print(report);
                    Path file = output.resolve("device-latency.md");
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
        prime();
        for (int w = 1; w <= settings.warmupRounds(); w++) {
            for (Variant variant : order(w - 1)) {
                Leg leg = leg(-w, variant);
                log("warm-up " + w, leg);
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
        realm.useSmtp(mail.getSmtp().getPort());
        drainMails(FINAL_MAIL_DRAIN_LIMIT, "after the last round");
        return counted;
    }

    /** Each user's first device (no alert): from now on every device-flow sign-in is a new device. */
    private void prime() throws InterruptedException {
        List<BenchRealm.User> users = realm.users();
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (BrowserSignIn browser : browsers) {
            tasks.add(() -> {
                for (int i = next.getAndIncrement(); i < users.size(); i = next.getAndIncrement()) {
                    BenchRealm.User user = users.get(i);
                    BrowserSignIn.Result result = browser.signIn(BenchRealm.DEVICE_CLIENT, user.username(), user.password());
                    if (!result.ok()) {
                        failures.add(user.username() + ": " + result.failure());
                    }
                }
                return null;
            });
        }
        awaitAll(tasks, SIGN_IN_BOUND.multipliedBy((long) users.size()));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("First sign-ins failed (" + failures.size() + "), e.g. " + failures.get(0)
                    + "\nServer log tail:\n" + BenchEnvironment.tail(server.serverLog(), 40));
        }
        System.out.printf("Primed %d users with their first device%n", users.size());
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
        // Mails from earlier legs leave through the normal server first; then this leg's
        // server. Two realm updates before every leg, whatever the variant.
        realm.useSmtp(mail.getSmtp().getPort());
        drainMails(MAIL_DRAIN_LIMIT, "before " + variant.label + " in round " + round);
        realm.useSmtp(variant.slowSmtp ? slowSmtp.port() : mail.getSmtp().getPort());

        int perWorker = settings.signInsPerWorker();
        long[][] times = new long[browsers.length][];
        int[] failures = new int[browsers.length];
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < browsers.length; w++) {
            int worker = w;
            tasks.add(() -> {
                long[] mine = new long[perWorker];
                int ok = 0;
                go.await();
                for (int i = 0; i < perWorker; i++) {
                    BenchRealm.User user = nextUser();
                    BrowserSignIn.Result result = browsers[worker].signIn(variant.clientId, user.username(), user.password());
                    if (result.ok()) {
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
            });
        }
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(pool.submit(task));
        }
        long start = System.nanoTime();
        go.countDown();
        BenchEnvironment.awaitWorkers(futures, SIGN_IN_BOUND.multipliedBy(perWorker));
        long wall = System.nanoTime() - start;

        long[] all = Arrays.stream(times).flatMapToLong(Arrays::stream).toArray();
        if (variant.clientId.equals(BenchRealm.DEVICE_CLIENT)) {
            alertsExpected += all.length;
        }
        return new Leg(round, variant, all, Arrays.stream(failures).sum(), List.copyOf(samples), wall);
    }

    private BenchRealm.User nextUser() {
        List<BenchRealm.User> users = realm.users();
        return users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()));
    }

    private int mailsDelivered() {
        return mail.getReceivedMessages().length + slowSmtp.messages();
    }

    /**
     * Waits until every alert queued so far has reached a mail server, at most
     * {@code limit}, and gives up earlier when nothing arrives for a while.
     */
    private void drainMails(Duration limit, String when) throws InterruptedException {
        // A mail already talking to the slow server takes about 8 of its replies to leave.
        long stall = settings.smtpDelay().multipliedBy(8).plusSeconds(5).toNanos();
        long deadline = System.nanoTime() + limit.toNanos();
        int delivered = mailsDelivered();
        long lastProgress = System.nanoTime();
        while (delivered < alertsExpected && System.nanoTime() < deadline
                && System.nanoTime() - lastProgress < stall) {
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of a bounded wait
            int now = mailsDelivered();
            if (now > delivered) {
                delivered = now;
                lastProgress = System.nanoTime();
            }
        }
        if (delivered < alertsExpected) {
            notes.add(String.format("Mail queue not empty %s: %d of %d alerts delivered.", when, delivered,
                    alertsExpected));
        }
    }

    private static void log(String round, Leg leg) {
        long[] sorted = leg.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf("%-14s %-18s %4d ok %3d failed  p50 %7.1f ms  p95 %7.1f ms  in %5.1f s%s%n", round,
                leg.variant().label, sorted.length, leg.failures(), LatencyFigures.percentile(sorted, 50),
                LatencyFigures.percentile(sorted, 95), leg.wallNanos() / 1e9,
                leg.failureSamples().isEmpty() ? "" : "  e.g. " + leg.failureSamples().get(0));
    }

    private String report(List<Leg> legs, Instant started, double loadBefore) throws IOException {
        Map<Variant, Stats> stats = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            stats.put(v, Stats.of(legs.stream().filter(l -> l.variant() == v).toList()));
        }
        Stats stock = stats.get(Variant.STOCK);
        Stats device = stats.get(Variant.DEVICE);
        Stats slow = stats.get(Variant.DEVICE_SLOW_SMTP);
        double p95Ratio = device.p95() / stock.p95();
        double slowDelta = slow.p95() - device.p95();

        StringBuilder md = new StringBuilder();
        md.append("# Sign-in latency: device step vs stock browser flow\n\n");
        md.append(String.format("Keycloak %s distribution with the bundle, one server, realm `bench`; %s.%n%n",
                ItSettings.keycloakVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        md.append("Every sign-in is a new-device sign-in (fresh cookie jar): GET the authorization endpoint, "
                + "POST username and password, 302 to the redirect URI with a code; timed over both requests. "
                + "Device-flow sign-ins are each user's second or later device: each queues an alert mail.\n\n");

        md.append("| variant | what | sign-ins | failed | p50 ms | p95 ms | mean ms | max ms | sign-ins/s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : Variant.values()) {
            Stats s = stats.get(v);
            md.append(String.format("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f |%n", v.label, v.description,
                    s.signIns(), s.failures(), s.p50(), s.p95(), s.mean(), s.max(), s.perSecond()));
        }

        md.append("\n| comparison | value | target | |\n|---|---:|---:|---|\n");
        md.append(String.format("| device / stock, p50 | %.2f | | |%n", device.p50() / stock.p50()));
        md.append(String.format("| device / stock, p95 | %.2f | ≤ %.2f | %s |%n", p95Ratio, P95_RATIO_TARGET,
                p95Ratio <= P95_RATIO_TARGET ? "met" : "**missed**"));
        md.append(String.format("| device / stock, mean | %.2f | | |%n", device.mean() / stock.mean()));
        md.append(String.format("| device / stock, throughput | %.2f | | |%n", device.perSecond() / stock.perSecond()));
        md.append(String.format("| device p95, normal SMTP | %.1f ms | | |%n", device.p95()));
        md.append(String.format("| device p95, slow SMTP (%d ms per reply) | %.1f ms | | |%n",
                settings.smtpDelay().toMillis(), slow.p95()));
        md.append(String.format("| slow SMTP adds, p95 | %+.1f ms | ≤ %.0f ms | %s |%n", slowDelta,
                SLOW_SMTP_P95_TARGET_MS, slowDelta <= SLOW_SMTP_P95_TARGET_MS ? "met" : "**missed**"));
        md.append(String.format("| slow SMTP adds, p50 | %+.1f ms | | |%n", slow.p50() - device.p50()));

        md.append("\np95 per round (ms), legs in the order run:\n\n| round | order | ");
        md.append(Arrays.stream(Variant.values()).map(v -> v.label).collect(Collectors.joining(" | ")));
        md.append(" |\n|---:|---|").append("---:|".repeat(Variant.values().length)).append('\n');
        for (int round = 1; round <= settings.rounds(); round++) {
            int r = round;
            List<Leg> inRound = legs.stream().filter(l -> l.round() == r).toList();
            md.append("| ").append(round).append(" | ")
                    .append(inRound.stream().map(l -> l.variant().label).collect(Collectors.joining(" → ")));
            for (Variant v : Variant.values()) {
                long[] sorted = inRound.stream().filter(l -> l.variant() == v)
                        .flatMapToLong(l -> Arrays.stream(l.nanos())).sorted().toArray();
                md.append(String.format(" | %.1f", LatencyFigures.percentile(sorted, 95)));
            }
            md.append(" |\n");
        }

        md.append("\nDevice step, as the realm's stored events tell it:\n\n");
        md.append(deviceEvents());
        md.append(String.format("- alert mails: %d expected (device-flow sign-ins after each user's first), "
                        + "%d received by GreenMail (this includes those queued during slow legs and sent after "
                        + "the switch back), %d by the slow server (%d connections)%n",
                alertsExpected, mail.getReceivedMessages().length, slowSmtp.messages(), slowSmtp.connections()));
        md.append("- stock legs send no mail; device legs render and send their alerts while they run; in slow-SMTP "
                + "legs the mail threads wait on the slow server, so most of that work happens after the leg.\n");
        List<String> failures = legs.stream().flatMap(l -> l.failureSamples().stream()).limit(5).toList();
        if (!failures.isEmpty()) {
            md.append("- failed sign-ins, e.g.: ").append(String.join("; ", failures)).append('\n');
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }

        md.append("\nDevice flow (`bench device browser`, a copy of `browser`):\n\n```\n")
                .append(realm.describeExecutions()).append("```\n");

        md.append(BenchEnvironment.machineRows(loadBefore, server.startupMillis()));
        md.append(String.format("| users, workers | %d users, %d concurrent workers |%n", settings.users(),
                settings.workers()));
        md.append(String.format("| counted | %d rounds × %d variants × %d workers × %d sign-ins = %d sign-ins per variant |%n",
                settings.rounds(), Variant.values().length, settings.workers(), settings.signInsPerWorker(),
                settings.rounds() * settings.workers() * settings.signInsPerWorker()));
        md.append(String.format("| not counted | %d first-device sign-ins, %d warm-up round(s) |%n", settings.users(),
                settings.warmupRounds()));
        md.append(String.format("| duration | %d s |%n", Duration.between(started, Instant.now()).toSeconds()));
        return md.toString();
    }

    /** Tallies the device step's event details on the device client's sign-ins and the mail outcomes. */
    private String deviceEvents() {
        List<EventRepresentation> logins = realm.events("LOGIN", BenchRealm.DEVICE_CLIENT, 1_000_000);
        List<EventRepresentation> mails = realm.events("CUSTOM_REQUIRED_ACTION", null, 1_000_000);
        Map<String, Long> device = tally(logins, "casvp_device");
        Map<String, Long> alert = tally(logins, "casvp_alert");
        Map<String, Long> outcome = tally(mails, "casvp_event");
        Map<String, Long> reasons = tally(mails.stream().filter(e -> e.getError() != null).toList(), "reason");
        return String.format("- LOGIN events on `%s`: %d; `casvp_device` %s; `casvp_alert` %s%n"
                        + "- mail outcome events (`casvp_event`): %s%s%n",
                BenchRealm.DEVICE_CLIENT, logins.size(), device, alert, outcome,
                reasons.isEmpty() ? "" : "; failure reasons " + reasons);
    }

    private static Map<String, Long> tally(List<EventRepresentation> events, String detail) {
        return events.stream().collect(Collectors.groupingBy(
                e -> e.getDetails() == null ? "(none)" : e.getDetails().getOrDefault(detail, "(none)"),
                TreeMap::new, Collectors.counting()));
    }

    private void awaitAll(List<Callable<Void>> tasks, Duration bound) throws InterruptedException {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(pool.submit(task));
        }
        BenchEnvironment.awaitWorkers(futures, bound);
    }
}
