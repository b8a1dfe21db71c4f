package fr.paris.casvp.keycloak.it.bench;

import fr.paris.casvp.keycloak.it.support.PasswordReset;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code bench} realm, set up through the admin REST API: one public client bound to
 * the built-in {@code browser} flow, one bound to a copy of it that ends its forms with
 * {@code casvp-device-recognition}, a pool of users with passwords and e-mail addresses,
 * stored events, the casvp e-mail theme (the alert template lives there) and an SMTP server
 * that can be switched between legs.
 */
final class BenchRealm {

    static final String NAME = "bench";
    static final String REDIRECT_URI = "http://localhost:1/cb";
    static final String STOCK_CLIENT = "bench-stock";
    static final String DEVICE_CLIENT = "bench-device";
    static final String DEVICE_PROVIDER = "casvp-device-recognition";
    static final String TRUSTED_NETWORKS_SETTING = "casvp-trusted-networks";

    private static final String DEVICE_FLOW = "bench device browser";
    private static final String PASSWORD_FORM = "auth-username-password-form";
    private static final String MAIL_FROM = "noreply@bench.test";

    /** One user of the pool. */
    record User(String id, String username, String password) {
    }

    private final RealmResource realm;
    private final List<User> users;

    private BenchRealm(RealmResource realm, List<User> users) {
        this.realm = realm;
        this.users = List.copyOf(users);
    }

    static BenchRealm create(Keycloak admin, int userCount, int smtpPort) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(NAME);
        rep.setEnabled(true);
        rep.setEventsEnabled(true); // as in the casvp realm: every sign-in is stored as an event
        rep.setEventsExpiration(86_400L);
        rep.setEmailTheme("casvp");
        rep.setSmtpServer(smtp(smtpPort));
        admin.realms().create(rep);
        RealmResource realm = admin.realm(NAME);

        AuthenticationManagementResource flows = realm.flows();
        boolean deviceStepInstalled = flows.getAuthenticatorProviders().stream()
                .anyMatch(provider -> DEVICE_PROVIDER.equals(provider.get("id")));
        if (!deviceStepInstalled) {
            throw new IllegalStateException("The server has no authenticator " + DEVICE_PROVIDER
                    + ": the installed bundle predates it; rebuild it (mvn -B -q install -DskipTests) and run again.");
        }
        declareNoTrustedNetworks(realm);
        String browserFlowId = flowId(flows, "browser");
        String deviceFlowId = createDeviceFlow(flows);
        createClient(realm, STOCK_CLIENT, browserFlowId);
        createClient(realm, DEVICE_CLIENT, deviceFlowId);

        List<User> users = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            users.add(createUser(realm, String.format("bench-user-%03d", i)));
        }
        return new BenchRealm(realm, users);
    }

    List<User> users() {
        return users;
    }

    /** Points the realm's mails at another SMTP port (a realm update: both variants pay it alike). */
    void useSmtp(int port) {
        RealmRepresentation change = new RealmRepresentation();
        change.setSmtpServer(smtp(port));
        realm.update(change);
    }

    /** The realm's stored events of one type, at most {@code max}. */
    List<EventRepresentation> events(String type, String clientId, int max) {
        return realm.getEvents(List.of(type), clientId, null, null, null, null, 0, max);
    }

    /** The device flow's executions, indented by level, for the report. */
    String describeExecutions() {
        StringBuilder text = new StringBuilder();
        for (AuthenticationExecutionInfoRepresentation e : realm.flows().getExecutions(DEVICE_FLOW)) {
            text.append("  ".repeat(e.getLevel())).append("- ")
                    .append(e.getProviderId() != null ? e.getProviderId() : e.getDisplayName())
                    .append(" (").append(e.getRequirement()).append(")\n");
        }
        return text.toString();
    }

    /** How many events there are of each value of {@code key}, in the key's order. */
    static Map<String, Long> tally(List<EventRepresentation> events, Function<EventRepresentation, String> key) {
        return events.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** One detail of an event, {@code (none)} when it has not got it. */
    static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? "(none)" : event.getDetails().getOrDefault(key, "(none)");
    }

    static Map<String, String> smtp(int port) {
        Map<String, String> smtp = new LinkedHashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", Integer.toString(port));
        smtp.put("from", MAIL_FROM);
        smtp.put("fromDisplayName", "Bench");
        smtp.put("auth", "false");
        smtp.put("ssl", "false");
        smtp.put("starttls", "false");
        return smtp;
    }

    static String flowId(AuthenticationManagementResource flows, String alias) {
        return flows.getFlows().stream().filter(f -> alias.equals(f.getAlias())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No flow " + alias)).getId();
    }

    /**
     * Copies the built-in browser flow and adds the device step, REQUIRED, at the end of
     * the copied sub-flow that holds the username and password form.
     */
    private static String createDeviceFlow(AuthenticationManagementResource flows) {
        try (Response copied = flows.copy("browser", Map.of("newName", DEVICE_FLOW))) {
            expect(copied, 201, "copy of the browser flow");
        }
        String forms = formsSubFlow(flows.getExecutions(DEVICE_FLOW));
        flows.addExecution(forms, Map.of("provider", DEVICE_PROVIDER));
        AuthenticationExecutionInfoRepresentation step = flows.getExecutions(forms).stream()
                .filter(e -> DEVICE_PROVIDER.equals(e.getProviderId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("The device step was not added to " + forms));
        step.setRequirement("REQUIRED");
        flows.updateExecutions(forms, step);

        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("bench device");
        config.setConfig(Map.of("alertNewDevice", "true", "alertUnusualNetwork", "true"));
        try (Response created = flows.newExecutionConfig(step.getId(), config)) {
            expect(created, 201, "configuration of the device step");
        }
        return flowId(flows, DEVICE_FLOW);
    }

    /**
     * Registers the realm's trusted-networks setting, disabled and empty as in a casvp realm
     * whose admin trusts no network: every sign-in of the bench is judged from outside, and
     * no step warns that the realm lacks the setting.
     */
    static void declareNoTrustedNetworks(RealmResource realm) {
        RequiredActionProviderSimpleRepresentation setting = new RequiredActionProviderSimpleRepresentation();
        setting.setProviderId(TRUSTED_NETWORKS_SETTING);
        setting.setName("CASVP trusted networks");
        realm.flows().registerRequiredAction(setting);
        RequiredActionProviderRepresentation registered = realm.flows().getRequiredAction(TRUSTED_NETWORKS_SETTING);
        registered.setEnabled(false);
        realm.flows().updateRequiredAction(TRUSTED_NETWORKS_SETTING, registered);
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
        throw new IllegalStateException("No sub-flow with " + PASSWORD_FORM + " in " + DEVICE_FLOW);
    }

    static void createClient(RealmResource realm, String clientId, String browserFlowId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(REDIRECT_URI));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", browserFlowId));
        try (Response created = realm.clients().create(client)) {
            expect(created, 201, "client " + clientId);
        }
    }

    static User createUser(RealmResource realm, String username) {
        String password = "Bench passphrase " + username;
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@bench.test");
        user.setEmailVerified(true);
        user.setFirstName("Bench");
        user.setLastName(username);
        user.setEnabled(true);
        user.setCredentials(List.of(PasswordReset.password(password)));
        try (Response created = realm.users().create(user)) {
            expect(created, 201, "user " + username);
            String path = created.getLocation().getPath();
            return new User(path.substring(path.lastIndexOf('/') + 1), username, password);
        }
    }

    static void expect(Response response, int status, String what) {
        if (response.getStatus() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.getStatus() + " "
                    + response.readEntity(String.class));
        }
    }
}
