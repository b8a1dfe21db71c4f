package fr.paris.casvp.keycloak.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Wrong-password response time of the {@code casvp-password-form} step ({@code -Pbench-lockout}),
 * which counts every wrong password (per user and browser, and per source) in the database,
 * against Keycloak's own {@code auth-username-password-form} in the built-in browser flow.
 *
 * <p>The realm ({@link BenchRealm}) has a client per flow, the lockout one bound to a copy of
 * the built-in browser flow with {@code casvp-password-form} in the place of Keycloak's form; a
 * pool of users, stored events, Keycloak's brute-force protection off, and lockout thresholds so
 * high that nothing is ever delayed, locked or throttled: what is measured is the cost of
 * counting, not of being blocked. Every measured attempt: a fresh cookie jar, GET of the
 * authorization endpoint, POST of an existing username and a wrong password never used before,
 * and the login page again (200 or 401, recorded); its time is the time of both requests. Users
 * are taken in turn from the pool.
 *
 * <p>Counts: {@code -Dcasvp.bench.rounds=6 -Dcasvp.bench.workers=4
 * -Dcasvp.bench.attemptsPerWorker=25 -Dcasvp.bench.users=40 -Dcasvp.bench.warmupRounds=1}.
 * Report: {@code target/bench/lockout-latency.md}.
 */
final class LockoutScenario extends Scenario {

    private static final double P50_RATIO_TARGET = 1.10;
    private static final String LOCKOUT_CLIENT = "bench-lockout";
    private static final String LOCKOUT_PROVIDER = "casvp-password-form";
    private static final String LOCKOUT_FLOW = "bench lockout browser";
    private static final String CONFIG_ALIAS = "bench lockout";
    private static final String EVENT_DETAIL = "casvp_lockout";
    private static final String PASSWORD_FORM = "auth-username-password-form";
    /** Nothing is ever delayed, locked or throttled; every wrong password is still counted. */
    private static final Map<String, String> LOCKOUT_CONFIG = Map.of(
            "lockoutDelayAfter", "1000",
            "lockoutLockAfter", "1000",
            "lockoutMaxPerDay", "100000",
            "sprayingMaxFailures", "1000000",
            "sprayingTrustedMaxFailures", "1000000",
            "policies", "");

    private static final Variant STOCK = new Variant("stock",
            "built-in `browser` flow, `auth-username-password-form`", BenchRealm.STOCK_CLIENT);
    private static final Variant LOCKOUT = new Variant("lockout",
            "copy of `browser`, `casvp-password-form` counting failures", LOCKOUT_CLIENT);

    private final AtomicInteger userCursor = new AtomicInteger();
    private final AtomicLong passwordSequence = new AtomicLong();
    private final String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    /** Attempts that reached the password check, per variant, warm-up included: one LOGIN_ERROR each. */
    private final Map<Variant, AtomicInteger> posted = new HashMap<>();
    /** HTTP statuses of the POST and the login page's error texts, per variant, over the counted legs. */
    private final Map<Variant, Map<Integer, Integer>> statuses = new HashMap<>();
    private final Map<Variant, Map<String, Integer>> errors = new HashMap<>();
    private final List<String> sanity = new ArrayList<>();
    /** The statuses and error texts of the leg under way. */
    private Map<Integer, Integer> legStatuses;
    private Map<String, Integer> legErrors;
    private DistributionKeycloak server;
    private BenchRealm realm;

    LockoutScenario() {
        super(new Counts(6, 1, 4, 25, 40).fromSystemProperties("casvp.bench.attemptsPerWorker"),
                List.of(STOCK, LOCKOUT), "Wrong-password response time: casvp lockout vs stock browser flow",
                "lockout-latency.md");
        for (Variant v : variants()) {
            posted.put(v, new AtomicInteger());
            statuses.put(v, new TreeMap<>());
            errors.put(v, new TreeMap<>());
        }
    }

    /**
     * Keycloak's own brute-force protection is off, so that it refuses nothing in either variant.
     * The server wants a mail catcher; nothing in this comparison sends mail.
     */
    @Override
    void setUp(DistributionKeycloak server, GreenMail mail) {
        this.server = server;
        RealmRepresentation rep = new RealmRepresentation();
        rep.setBruteForceProtected(false);
        realm = BenchRealm.create(server.admin(), rep, Set.of(LOCKOUT_PROVIDER));
        createLockoutFlow();
        realm.createClient(BenchRealm.STOCK_CLIENT, "browser");
        realm.createClient(LOCKOUT_CLIENT, LOCKOUT_FLOW);
        realm.createUsers("bench-user-%03d", counts().users());
    }

    /**
     * Copies the built-in browser flow; in the copied forms sub-flow, adds
     * {@code casvp-password-form} (REQUIRED, configured), moves it to the place of
     * {@code auth-username-password-form}, then deletes the latter.
     */
    private void createLockoutFlow() {
        String forms = realm.copyBrowserFlow(LOCKOUT_FLOW);
        AuthenticationExecutionInfoRepresentation step = realm.addRequiredStep(forms, LOCKOUT_PROVIDER);
        // Same place as the stock form: raise it until it comes just before it (direct children only).
        for (int guard = 0; guard < 20 && index(forms, LOCKOUT_PROVIDER) > index(forms, PASSWORD_FORM); guard++) {
            realm.flows().raisePriority(step.getId());
        }
        if (index(forms, LOCKOUT_PROVIDER) != index(forms, PASSWORD_FORM) - 1) {
            throw new IllegalStateException("Could not move " + LOCKOUT_PROVIDER + " next to " + PASSWORD_FORM
                    + " in " + forms);
        }
        realm.flows().removeExecution(realm.step(forms, PASSWORD_FORM).getId());
        realm.configure(step, CONFIG_ALIAS, LOCKOUT_CONFIG);
    }

    /** Position of a step among the sub-flow's direct children (nested ones are at deeper levels). */
    private int index(String flowAlias, String providerId) {
        List<AuthenticationExecutionInfoRepresentation> direct = realm.flows().getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0).toList();
        for (int i = 0; i < direct.size(); i++) {
            if (providerId.equals(direct.get(i).getProviderId())) {
                return i;
            }
        }
        throw new IllegalStateException("No " + providerId + " in " + flowAlias);
    }

    /** The settings of the {@code casvp-password-form} step, as stored. */
    private Map<String, String> lockoutConfig() {
        return realm.flows().getExecutions(LOCKOUT_FLOW).stream()
                .filter(e -> LOCKOUT_PROVIDER.equals(e.getProviderId()) && e.getAuthenticationConfig() != null)
                .findFirst()
                .map(e -> realm.flows().getAuthenticatorConfig(e.getAuthenticationConfig()).getConfig())
                .orElse(Map.of());
    }

    /** Not measured: the right password signs in through both clients, so both flows really work. */
    @Override
    void prime(Workers workers) {
        BenchRealm.User user = realm.users().get(0);
        for (Variant variant : variants()) {
            BrowserSignIn.Result result = workers.browser(0).signIn(variant.clientId(), user.username(), user.password());
            if (!result.ok()) {
                throw BenchEnvironment.serverFailure(server, "The right password does not sign in through "
                        + variant.clientId() + ": " + result.failure());
            }
            sanity.add(String.format("right password through `%s`: 302 to the redirect URI with a code (%.0f ms)",
                    variant.clientId(), result.nanos() / 1e6));
        }
        System.out.println("Both clients sign in with the right password");
    }

    @Override
    void beforeLeg(int round, Variant variant) {
        legStatuses = new ConcurrentHashMap<>();
        legErrors = new ConcurrentHashMap<>();
    }

    @Override
    Outcome attempt(BrowserSignIn browser, int worker, Variant variant) {
        List<BenchRealm.User> users = realm.users();
        BenchRealm.User user = users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()));
        BrowserSignIn.Result result = browser.wrongPassword(variant.clientId(), user.username(), wrongPassword(variant));
        if (result.status() != 0) {
            legStatuses.merge(result.status(), 1, Integer::sum);
        }
        if (result.ok()) {
            posted.get(variant).incrementAndGet();
            legErrors.merge(result.error(), 1, Integer::sum);
        }
        return Outcome.of(user.username(), result.nanos(), result.failure());
    }

    /** A wrong password never typed before in this run: never the "same wrong password repeated" case. */
    private String wrongPassword(Variant variant) {
        return "wrong " + variant.label() + " " + runTag + " " + passwordSequence.incrementAndGet();
    }

    @Override
    String afterLeg(Leg leg) {
        Map<Integer, Integer> inLeg = new TreeMap<>(legStatuses);
        if (leg.round() > 0) {
            inLeg.forEach((status, n) -> statuses.get(leg.variant()).merge(status, n, Integer::sum));
            legErrors.forEach((error, n) -> errors.get(leg.variant()).merge(error, n, Integer::sum));
        }
        return String.format("  in %5.1f s  HTTP %s", leg.wallNanos() / 1e9, inLeg);
    }

    @Override
    String figures(Legs legs) {
        LatencyFigures stock = legs.of(STOCK).figures();
        LatencyFigures lockout = legs.of(LOCKOUT).figures();
        double p50Ratio = lockout.p50() / stock.p50();

        StringBuilder md = new StringBuilder();
        md.append("Every attempt: fresh cookie jar, GET the authorization endpoint, POST an existing username and a "
                + "wrong password never used before, login page again; timed over both requests. Lockout thresholds "
                + "are set so high that nothing is ever delayed, locked or throttled (the cost of counting, not of "
                + "being blocked); Keycloak's brute-force protection is off in the realm.\n\n");

        md.append("| variant | what | attempts | failed | HTTP status of the POST | p50 ms | p95 ms | mean ms | max ms "
                + "| attempts/s |\n");
        md.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants()) {
            md.append(String.format("| %s | %s | %s |%n", legs.variantCells(v), statuses.get(v).entrySet().stream()
                    .map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", ")),
                    legs.figureCells(v)));
        }

        md.append("\n| comparison | value | target | |\n|---|---:|---:|---|\n");
        md.append(String.format("| lockout / stock, p50 | %.3f | ≤ %.2f | %s |%n", p50Ratio, P50_RATIO_TARGET,
                p50Ratio <= P50_RATIO_TARGET ? "met" : "**missed**"));
        md.append(String.format("| lockout / stock, p95 | %.3f | | |%n", lockout.p95() / stock.p95()));
        md.append(String.format("| lockout / stock, mean | %.3f | | |%n", lockout.mean() / stock.mean()));
        md.append(String.format("| lockout / stock, throughput | %.3f | | |%n", lockout.perSecond() / stock.perSecond()));
        md.append(String.format("| lockout − stock, p50 | %+.1f ms | | |%n", lockout.p50() - stock.p50()));

        md.append("\np50 / p95 per round (ms), legs in the order run:\n\n| round | order | ");
        md.append(variants().stream().map(v -> v.label() + " p50 | " + v.label() + " p95").collect(Collectors.joining(" | ")));
        md.append(" | p50 ratio |\n|---:|---|").append("---:|".repeat(variants().size() * 2 + 1))
                .append('\n');
        List<Legs> rounds = legs.rounds();
        for (int r = 0; r < rounds.size(); r++) {
            md.append("| ").append(r + 1).append(" | ").append(rounds.get(r).order());
            for (Variant v : variants()) {
                LatencyFigures f = rounds.get(r).of(v).figures();
                md.append(String.format(" | %.1f | %.1f", f.p50(), f.p95()));
            }
            md.append(String.format(" | %.3f |%n", rounds.get(r).of(LOCKOUT).figures().p50()
                    / rounds.get(r).of(STOCK).figures().p50()));
        }

        md.append("\nWhat the pages and the realm's stored events say:\n\n");
        for (Variant v : variants()) {
            md.append(String.format("- `%s` login page error text: %s%n", v.label(), errors.get(v).entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\" × " + e.getValue()).collect(Collectors.joining(", "))));
        }
        md.append(eventsReport());
        md.append(countersReport());
        for (String line : sanity) {
            md.append("- ").append(line).append(" (before the warm-up, not counted)\n");
        }
        List<String> failures = legs.failureSamples();
        if (!failures.isEmpty()) {
            md.append("- failed attempts, e.g.: ").append(String.join("; ", failures)).append('\n');
        }

        RealmRepresentation rep = realm.representation();
        md.append(String.format("- realm `bench`: bruteForceProtected=%s, failureFactor=%s, eventsEnabled=%s%n",
                rep.isBruteForceProtected(), rep.getFailureFactor(), rep.isEventsEnabled()));
        md.append(String.format("- `%s` config `%s`: %s%n", LOCKOUT_PROVIDER,
                CONFIG_ALIAS, new TreeMap<>(lockoutConfig())));

        md.append("\nLockout flow (`").append(LOCKOUT_FLOW).append("`, a copy of `browser`):\n\n```\n")
                .append(realm.describeExecutions(LOCKOUT_FLOW)).append("```\n");
        return md.toString();
    }

    /** LOGIN_ERROR events of each client: how many, their error, their {@code casvp_lockout} detail, a few samples. */
    private String eventsReport() {
        StringBuilder text = new StringBuilder();
        Map<String, String> usernames = realm.users().stream()
                .collect(Collectors.toMap(BenchRealm.User::id, BenchRealm.User::username));
        for (Variant v : variants()) {
            List<EventRepresentation> errors = realm.events("LOGIN_ERROR", v.clientId());
            text.append(String.format("- LOGIN_ERROR events on `%s`: %d stored for %d wrong-password attempts "
                            + "(warm-up included); error %s; `%s` detail %s%n",
                    v.clientId(), errors.size(), posted.get(v).get(),
                    BenchRealm.tally(errors, e -> String.valueOf(e.getError())), EVENT_DETAIL,
                    BenchRealm.tally(errors, e -> BenchRealm.detail(e, EVENT_DETAIL))));
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
                realm.users().size(), scopes, inWindow, consecutive, locked, posted.get(LOCKOUT).get(),
                LOCKOUT_CLIENT);
    }

    @Override
    String runRows() {
        Counts counts = counts();
        return String.format("| users, workers | %d users, %d concurrent workers |%n", counts.users(), counts.workers())
                + String.format("| counted | %d rounds × %d workers × %d attempts = %d attempts per variant |%n",
                counts.rounds(), counts.workers(), counts.perWorker(), counts.countedPerVariant())
                + String.format("| not counted | %d warm-up round(s), 1 right-password sign-in per client |%n",
                counts.warmupRounds());
    }
}
