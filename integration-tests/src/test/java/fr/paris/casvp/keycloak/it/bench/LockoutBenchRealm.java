package fr.paris.casvp.keycloak.it.bench;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bench} realm of the lockout benchmark, set up through the admin REST API: one
 * public client bound to the built-in {@code browser} flow (Keycloak's
 * {@code auth-username-password-form}), one bound to a copy of it in which that form is
 * replaced, at the same place, by {@code casvp-password-form} (which counts wrong passwords
 * per user and browser, and per source). The step's thresholds are set so high that neither
 * the lockout nor the per-source throttle ever refuses a try during the run: what is measured
 * is the cost of counting, not of being blocked. Keycloak's own brute-force protection is off
 * in this realm, so that it refuses nothing either, in either variant.
 *
 * <p>Independent of {@link BenchRealm}'s realm (which needs the device step); it reuses its realm
 * name, redirect URI, stock client id, {@link BenchRealm.User} and its client and user helpers.
 */
final class LockoutBenchRealm {

    static final String LOCKOUT_CLIENT = "bench-lockout";
    static final String LOCKOUT_PROVIDER = "casvp-password-form";
    static final String LOCKOUT_FLOW = "bench lockout browser";
    static final String CONFIG_ALIAS = "bench lockout";
    static final String EVENT_DETAIL = "casvp_lockout";

    private static final String PASSWORD_FORM = "auth-username-password-form";

    /** Nothing is ever delayed, locked or throttled; every wrong password is still counted. */
    static final Map<String, String> LOCKOUT_CONFIG = orderedMap(
            "lockoutDelayAfter", "1000",
            "lockoutLockAfter", "1000",
            "lockoutMaxPerDay", "100000",
            "sprayingMaxFailures", "1000000",
            "sprayingTrustedMaxFailures", "1000000",
            "policies", "");

    private final RealmResource realm;
    private final List<BenchRealm.User> users;

    private LockoutBenchRealm(RealmResource realm, List<BenchRealm.User> users) {
        this.realm = realm;
        this.users = List.copyOf(users);
    }

    static LockoutBenchRealm create(Keycloak admin, int userCount) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(BenchRealm.NAME);
        rep.setEnabled(true);
        rep.setEventsEnabled(true); // as in the casvp realm: every sign-in and failure is stored as an event
        rep.setEventsExpiration(86_400L);
        rep.setBruteForceProtected(false); // Keycloak's own lockout must refuse nothing, in either variant
        admin.realms().create(rep);
        RealmResource realm = admin.realm(BenchRealm.NAME);

        AuthenticationManagementResource flows = realm.flows();
        boolean installed = flows.getAuthenticatorProviders().stream()
                .anyMatch(provider -> LOCKOUT_PROVIDER.equals(provider.get("id")));
        if (!installed) {
            throw new IllegalStateException("The server has no authenticator " + LOCKOUT_PROVIDER
                    + ": rebuild the bundle (mvn -B -q install -DskipTests) and run again.");
        }
        BenchRealm.declareNoTrustedNetworks(realm);
        String browserFlowId = BenchRealm.flowId(flows, "browser");
        String lockoutFlowId = createLockoutFlow(flows);
        BenchRealm.createClient(realm, BenchRealm.STOCK_CLIENT, browserFlowId);
        BenchRealm.createClient(realm, LOCKOUT_CLIENT, lockoutFlowId);

        List<BenchRealm.User> users = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            users.add(BenchRealm.createUser(realm, String.format("bench-user-%03d", i)));
        }
        return new LockoutBenchRealm(realm, users);
    }

    List<BenchRealm.User> users() {
        return users;
    }

    /** The realm as the server has it now (brute-force settings for the report). */
    RealmRepresentation representation() {
        return realm.toRepresentation();
    }

    /** The realm's stored events of one type and client, newest first, at most {@code max}. */
    List<EventRepresentation> events(String type, String clientId, int max) {
        return realm.getEvents(List.of(type), clientId, null, null, null, null, 0, max);
    }

    /** The configuration of the {@code casvp-password-form} step, as stored. */
    Map<String, String> lockoutConfig() {
        return realm.flows().getExecutions(LOCKOUT_FLOW).stream()
                .filter(e -> LOCKOUT_PROVIDER.equals(e.getProviderId()) && e.getAuthenticationConfig() != null)
                .findFirst()
                .map(e -> realm.flows().getAuthenticatorConfig(e.getAuthenticationConfig()).getConfig())
                .orElse(Map.of());
    }

    /** A flow's executions, indented by level, for the report. */
    String describeExecutions(String flowAlias) {
        StringBuilder text = new StringBuilder();
        for (AuthenticationExecutionInfoRepresentation e : realm.flows().getExecutions(flowAlias)) {
            text.append("  ".repeat(e.getLevel())).append("- ")
                    .append(e.getProviderId() != null ? e.getProviderId() : e.getDisplayName())
                    .append(" (").append(e.getRequirement()).append(")")
                    .append(e.getAlias() != null ? " [config: " + e.getAlias() + "]" : "")
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * Copies the built-in browser flow; in the copied forms sub-flow, adds
     * {@code casvp-password-form} (REQUIRED, configured), moves it to the place of
     * {@code auth-username-password-form}, then deletes the latter.
     */
    private static String createLockoutFlow(AuthenticationManagementResource flows) {
        try (Response copied = flows.copy("browser", Map.of("newName", LOCKOUT_FLOW))) {
            BenchRealm.expect(copied, 201, "copy of the browser flow");
        }
        String forms = formsSubFlow(flows.getExecutions(LOCKOUT_FLOW));
        flows.addExecution(forms, Map.of("provider", LOCKOUT_PROVIDER));
        AuthenticationExecutionInfoRepresentation step = execution(flows, forms, LOCKOUT_PROVIDER);
        step.setRequirement("REQUIRED");
        flows.updateExecutions(forms, step);

        // Same place as the stock form: raise it until it comes just before it (direct children only).
        for (int guard = 0; guard < 20 && index(flows, forms, LOCKOUT_PROVIDER) > index(flows, forms, PASSWORD_FORM);
             guard++) {
            flows.raisePriority(step.getId());
        }
        if (index(flows, forms, LOCKOUT_PROVIDER) != index(flows, forms, PASSWORD_FORM) - 1) {
            throw new IllegalStateException("Could not move " + LOCKOUT_PROVIDER + " next to " + PASSWORD_FORM
                    + " in " + forms);
        }
        flows.removeExecution(execution(flows, forms, PASSWORD_FORM).getId());

        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias(CONFIG_ALIAS);
        config.setConfig(LOCKOUT_CONFIG);
        try (Response created = flows.newExecutionConfig(step.getId(), config)) {
            BenchRealm.expect(created, 201, "configuration of the " + LOCKOUT_PROVIDER + " step");
        }
        return BenchRealm.flowId(flows, LOCKOUT_FLOW);
    }

    private static AuthenticationExecutionInfoRepresentation execution(AuthenticationManagementResource flows,
                                                                       String flowAlias, String providerId) {
        return flows.getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0 && providerId.equals(e.getProviderId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + providerId + " in " + flowAlias));
    }

    /** Position of a provider among the sub-flow's direct children (nested ones are at deeper levels). */
    private static int index(AuthenticationManagementResource flows, String flowAlias, String providerId) {
        List<AuthenticationExecutionInfoRepresentation> direct = flows.getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0).toList();
        for (int i = 0; i < direct.size(); i++) {
            if (providerId.equals(direct.get(i).getProviderId())) {
                return i;
            }
        }
        throw new IllegalStateException("No " + providerId + " in " + flowAlias);
    }

    /** Alias of the sub-flow whose executions include the username and password form. */
    private static String formsSubFlow(List<AuthenticationExecutionInfoRepresentation> executions) {
        for (int i = 0; i < executions.size(); i++) {
            AuthenticationExecutionInfoRepresentation e = executions.get(i);
            if (!PASSWORD_FORM.equals(e.getProviderId())) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                AuthenticationExecutionInfoRepresentation parent = executions.get(j);
                if (Boolean.TRUE.equals(parent.getAuthenticationFlow()) && parent.getLevel() == e.getLevel() - 1) {
                    return parent.getDisplayName();
                }
            }
        }
        throw new IllegalStateException("No sub-flow with " + PASSWORD_FORM + " in " + LOCKOUT_FLOW);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
