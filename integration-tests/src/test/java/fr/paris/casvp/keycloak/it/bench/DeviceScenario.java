package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sign-in latency of the {@code casvp-device-recognition} step ({@code -Pbench-devices}): the
 * built-in browser flow against a copy of it that ends its forms with the device step; and the
 * device step with a normal SMTP server against one that waits before each reply, to show that
 * alert mails never hold up a sign-in.
 *
 * <p>The realm ({@link BenchRealm}) has a client per flow, a pool of users, stored events and
 * the casvp e-mail theme. Every measured sign-in is a <em>new-device</em> sign-in: a fresh cookie
 * jar, GET of the authorization endpoint, POST of the username and password, a 302 to the
 * redirect URI with a code; its time is the time of both requests. Each user first signs in once
 * through the device flow (not measured), so every later device-flow sign-in is a new device for
 * a user who already has one, and queues an alert mail.
 *
 * <p>Three variants: {@code stock}, the built-in {@code browser} flow, mails to GreenMail;
 * {@code device}, the flow with the device step, mails to GreenMail; {@code device, slow SMTP},
 * the same flow, the realm's SMTP server switched to {@link SlowSmtpServer}, which waits
 * {@code casvp.bench.smtpDelayMillis} before its greeting and every reply. Before each leg,
 * mails still queued by earlier legs are given a bounded time to leave (through GreenMail), so
 * each leg starts from an idle mail queue.
 *
 * <p>Counts: {@code -Dcasvp.bench.rounds=6 -Dcasvp.bench.workers=4
 * -Dcasvp.bench.signInsPerWorker=25 -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=1
 * -Dcasvp.bench.smtpDelayMillis=2000}. Report: {@code target/bench/device-latency.md}.
 */
final class DeviceScenario extends Scenario {

    private static final double P95_RATIO_TARGET = 1.25;
    private static final double SLOW_SMTP_P95_TARGET_MS = 50;
    private static final Duration MAIL_DRAIN_LIMIT = Duration.ofSeconds(60);
    private static final Duration FINAL_MAIL_DRAIN_LIMIT = Duration.ofSeconds(120);

    private static final String DEVICE_CLIENT = "bench-device";
    private static final String DEVICE_PROVIDER = "casvp-device-recognition";
    private static final String DEVICE_FLOW = "bench device browser";
    private static final Variant STOCK = new Variant("stock", "built-in browser flow", BenchRealm.STOCK_CLIENT);
    private static final Variant DEVICE = new Variant("device", "browser flow + device step, normal SMTP",
            DEVICE_CLIENT);
    private static final Variant SLOW_SMTP = new Variant("device, slow SMTP", "browser flow + device step, slow SMTP",
            DEVICE_CLIENT);

    private final Duration smtpDelay = Duration.ofMillis(BenchEnvironment.positive("casvp.bench.smtpDelayMillis", 2000));
    private final AtomicInteger userCursor = new AtomicInteger();
    private final List<String> notes = new ArrayList<>();
    private SlowSmtpServer slowSmtp;
    private DistributionKeycloak server;
    private GreenMail mail;
    private BenchRealm realm;
    /** Successful device-flow sign-ins after each user's first one: one alert mail each. */
    private int alertsExpected;

    DeviceScenario() {
        super(new Counts(6, 1, 4, 25, 40).fromSystemProperties("casvp.bench.signInsPerWorker"),
                List.of(STOCK, DEVICE, SLOW_SMTP), "Sign-in latency: device step vs stock browser flow",
                "device-latency.md");
    }

    @Override
    Map<String, String> prepare(Path output) {
        slowSmtp = SlowSmtpServer.start(smtpDelay);
        return Map.of();
    }

    /**
     * The realm's mails go to {@code mail}, in the casvp e-mail theme (the alert template lives
     * there); the device flow is the built-in browser flow with the device step, REQUIRED, at the
     * end of the sub-flow that holds the username and password form.
     */
    @Override
    void setUp(DistributionKeycloak server, GreenMail mail) {
        this.server = server;
        this.mail = mail;
        RealmRepresentation rep = new RealmRepresentation();
        rep.setEmailTheme("casvp");
        rep.setSmtpServer(BenchRealm.smtp(mail.getSmtp().getPort()));
        realm = BenchRealm.create(server.admin(), rep, Set.of(DEVICE_PROVIDER));
        String forms = realm.copyBrowserFlow(DEVICE_FLOW);
        realm.configure(realm.addRequiredStep(forms, DEVICE_PROVIDER), "bench device",
                Map.of("alertNewDevice", "true", "alertUnusualNetwork", "true"));
        realm.createClient(BenchRealm.STOCK_CLIENT, "browser");
        realm.createClient(DEVICE_CLIENT, DEVICE_FLOW);
        realm.createUsers("bench-user-%03d", counts().users());
    }

    /** Each user's first device (no alert): from now on every device-flow sign-in is a new device. */
    @Override
    void prime(Workers workers) throws InterruptedException {
        List<BenchRealm.User> users = realm.users();
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        workers.run((worker, browser) -> {
            for (int i = next.getAndIncrement(); i < users.size(); i = next.getAndIncrement()) {
                BenchRealm.User user = users.get(i);
                BrowserSignIn.Result result = browser.signIn(DEVICE_CLIENT, user.username(), user.password());
                if (!result.ok()) {
                    failures.add(user.username() + ": " + result.failure());
                }
            }
        }, users.size());
        if (!failures.isEmpty()) {
            throw BenchEnvironment.serverFailure(server, "First sign-ins failed (" + failures.size() + "), e.g. "
                    + failures.get(0));
        }
        System.out.printf("Primed %d users with their first device%n", users.size());
    }

    /**
     * Mails from earlier legs leave through the normal server first; then this leg's server. Two
     * realm updates before every leg, whatever the variant.
     */
    @Override
    void beforeLeg(int round, Variant variant) throws InterruptedException {
        realm.useSmtp(mail.getSmtp().getPort());
        drainMails(MAIL_DRAIN_LIMIT, "before " + variant.label() + " in round " + round);
        realm.useSmtp(variant.equals(SLOW_SMTP) ? slowSmtp.port() : mail.getSmtp().getPort());
    }

    @Override
    Outcome attempt(BrowserSignIn browser, int worker, Variant variant) {
        List<BenchRealm.User> users = realm.users();
        BenchRealm.User user = users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()));
        BrowserSignIn.Result result = browser.signIn(variant.clientId(), user.username(), user.password());
        return Outcome.of(user.username(), result.nanos(), result.failure());
    }

    @Override
    String afterLeg(Leg leg) {
        if (leg.variant().clientId().equals(DEVICE_CLIENT)) {
            alertsExpected += leg.nanos().length;
        }
        return String.format("  in %5.1f s", leg.wallNanos() / 1e9);
    }

    @Override
    void afterRounds() throws InterruptedException {
        realm.useSmtp(mail.getSmtp().getPort());
        drainMails(FINAL_MAIL_DRAIN_LIMIT, "after the last round");
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
        long stall = smtpDelay.multipliedBy(8).plusSeconds(5).toNanos();
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

    @Override
    String figures(Legs legs) {
        LatencyFigures stock = legs.of(STOCK).figures();
        LatencyFigures device = legs.of(DEVICE).figures();
        LatencyFigures slow = legs.of(SLOW_SMTP).figures();
        double p95Ratio = device.p95() / stock.p95();
        double slowDelta = slow.p95() - device.p95();

        StringBuilder md = new StringBuilder();
        md.append("Every sign-in is a new-device sign-in (fresh cookie jar): GET the authorization endpoint, "
                + "POST username and password, 302 to the redirect URI with a code; timed over both requests. "
                + "Device-flow sign-ins are each user's second or later device: each queues an alert mail.\n\n");

        md.append("| variant | what | sign-ins | failed | p50 ms | p95 ms | mean ms | max ms | sign-ins/s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants()) {
            md.append(String.format("| %s | %s |%n", legs.variantCells(v), legs.figureCells(v)));
        }

        md.append("\n| comparison | value | target | |\n|---|---:|---:|---|\n");
        md.append(String.format("| device / stock, p50 | %.2f | | |%n", device.p50() / stock.p50()));
        md.append(String.format("| device / stock, p95 | %.2f | ≤ %.2f | %s |%n", p95Ratio, P95_RATIO_TARGET,
                p95Ratio <= P95_RATIO_TARGET ? "met" : "**missed**"));
        md.append(String.format("| device / stock, mean | %.2f | | |%n", device.mean() / stock.mean()));
        md.append(String.format("| device / stock, throughput | %.2f | | |%n", device.perSecond() / stock.perSecond()));
        md.append(String.format("| device p95, normal SMTP | %.1f ms | | |%n", device.p95()));
        md.append(String.format("| device p95, slow SMTP (%d ms per reply) | %.1f ms | | |%n", smtpDelay.toMillis(),
                slow.p95()));
        md.append(String.format("| slow SMTP adds, p95 | %+.1f ms | ≤ %.0f ms | %s |%n", slowDelta,
                SLOW_SMTP_P95_TARGET_MS, slowDelta <= SLOW_SMTP_P95_TARGET_MS ? "met" : "**missed**"));
        md.append(String.format("| slow SMTP adds, p50 | %+.1f ms | | |%n", slow.p50() - device.p50()));

        md.append("\np95 per round (ms), legs in the order run:\n\n| round | order | ");
        md.append(variants().stream().map(Variant::label).collect(Collectors.joining(" | ")));
        md.append(" |\n|---:|---|").append("---:|".repeat(variants().size())).append('\n');
        List<Legs> rounds = legs.rounds();
        for (int r = 0; r < rounds.size(); r++) {
            md.append("| ").append(r + 1).append(" | ").append(rounds.get(r).order());
            for (Variant v : variants()) {
                md.append(String.format(" | %.1f", rounds.get(r).of(v).figures().p95()));
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
        List<String> failures = legs.failureSamples();
        if (!failures.isEmpty()) {
            md.append("- failed sign-ins, e.g.: ").append(String.join("; ", failures)).append('\n');
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }

        md.append("\nDevice flow (`bench device browser`, a copy of `browser`):\n\n```\n")
                .append(realm.describeExecutions(DEVICE_FLOW)).append("```\n");
        return md.toString();
    }

    /** Tallies the device step's event details on the device client's sign-ins and the mail outcomes. */
    private String deviceEvents() {
        List<EventRepresentation> logins = realm.events("LOGIN", DEVICE_CLIENT);
        List<EventRepresentation> mails = realm.events("CUSTOM_REQUIRED_ACTION", null);
        Map<String, Long> reasons = BenchRealm.tally(mails.stream().filter(e -> e.getError() != null).toList(),
                e -> BenchRealm.detail(e, "reason"));
        return String.format("- LOGIN events on `%s`: %d; `casvp_device` %s; `casvp_alert` %s%n"
                        + "- mail outcome events (`casvp_event`): %s%s%n",
                DEVICE_CLIENT, logins.size(),
                BenchRealm.tally(logins, e -> BenchRealm.detail(e, "casvp_device")),
                BenchRealm.tally(logins, e -> BenchRealm.detail(e, "casvp_alert")),
                BenchRealm.tally(mails, e -> BenchRealm.detail(e, "casvp_event")),
                reasons.isEmpty() ? "" : "; failure reasons " + reasons);
    }

    @Override
    String runRows() {
        Counts counts = counts();
        return String.format("| users, workers | %d users, %d concurrent workers |%n", counts.users(), counts.workers())
                + String.format("| counted | %d rounds × %d variants × %d workers × %d sign-ins = %d sign-ins per "
                        + "variant |%n", counts.rounds(), variants().size(), counts.workers(),
                counts.perWorker(), counts.countedPerVariant())
                + String.format("| not counted | %d first-device sign-ins, %d warm-up round(s) |%n", counts.users(),
                counts.warmupRounds());
    }

    @Override
    public void close() {
        if (slowSmtp != null) {
            slowSmtp.close();
        }
    }
}
