package fr.paris.casvp.keycloak.it.bench;

import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The realm {@code bench} of a latency comparison, set up through the admin REST API as an admin
 * would in the console, and what every comparison does with it: a public client per flow
 * compared, a pool of users with passwords and e-mail addresses, stored events. Each scenario
 * adds its own flows and settings; the steps it copies the built-in {@code browser} flow with
 * are here, so that its copies differ from the stock flow only where the scenario says.
 */
final class BenchRealm {

    static final String NAME = "bench";
    static final String REDIRECT_URI = "http://localhost:1/cb";
    static final String STOCK_CLIENT = "bench-stock";

    private static final String PASSWORD_FORM = "auth-username-password-form";
    private static final String MAIL_FROM = "noreply@bench.test";
    private static final int MAX_EVENTS = 1_000_000;

    /** One user of the pool. */
    record User(String id, String username, String password) {
    }

    private final RealmResource realm;
    private List<User> users = List.of();

    private BenchRealm(RealmResource realm) {
        this.realm = realm;
    }

    /**
     * Creates the realm from {@code rep}, with every sign-in and failure stored as an event (as
     * in the casvp realm), once the server is known to have the bundle's {@code steps}; registers
     * the trusted-networks setting disabled and empty, as in a casvp realm whose admin trusts no
     * network, so that no step warns that the realm lacks it.
     */
    static BenchRealm create(Keycloak admin, RealmRepresentation rep, Set<String> steps) {
        rep.setRealm(NAME);
        rep.setEnabled(true);
        rep.setEventsEnabled(true);
        rep.setEventsExpiration(86_400L);
        admin.realms().create(rep);
        BenchRealm realm = new BenchRealm(admin.realm(NAME));

        Set<String> missing = new TreeSet<>(steps);
        realm.flows().getAuthenticatorProviders().forEach(p -> missing.remove(String.valueOf(p.get("id"))));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The server lacks " + missing
                    + ": the installed bundle predates them; rebuild it (mvn -B -q install -DskipTests) and run again.");
        }
        RequiredActionProviderSimpleRepresentation setting = new RequiredActionProviderSimpleRepresentation();
        setting.setProviderId(RealmSettings.TRUSTED_NETWORKS_SETTING);
        setting.setName("CASVP trusted networks");
        realm.flows().registerRequiredAction(setting);
        RequiredActionProviderRepresentation registered =
                realm.flows().getRequiredAction(RealmSettings.TRUSTED_NETWORKS_SETTING);
        registered.setEnabled(false);
        realm.flows().updateRequiredAction(RealmSettings.TRUSTED_NETWORKS_SETTING, registered);
        return realm;
    }

    RealmResource resource() {
        return realm;
    }

    AuthenticationManagementResource flows() {
        return realm.flows();
    }

    /** A public client whose browser flow is the flow {@code flowAlias}. */
    void createClient(String clientId, String flowAlias) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(REDIRECT_URI));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flows().getFlows().stream()
                .filter(f -> flowAlias.equals(f.getAlias())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No flow " + flowAlias)).getId()));
        try (Response created = realm.clients().create(client)) {
            expect(created, 201, "client " + clientId);
        }
    }

    /** The pool of users, named by {@code format} and their number from 1. */
    void createUsers(String format, int count) {
        List<User> created = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            created.add(createUser(String.format(format, i)));
        }
        users = List.copyOf(created);
    }

    private User createUser(String username) {
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

    List<User> users() {
        return users;
    }

    /**
     * Copies the built-in browser flow as {@code alias}; returns the alias of the copy's sub-flow
     * that holds the username and password form, where a scenario adds its step.
     */
    String copyBrowserFlow(String alias) {
        try (Response copied = flows().copy("browser", Map.of("newName", alias))) {
            expect(copied, 201, "copy of the browser flow");
        }
        List<AuthenticationExecutionInfoRepresentation> executions = flows().getExecutions(alias);
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
        throw new IllegalStateException("No sub-flow with " + PASSWORD_FORM + " in " + alias);
    }

    /** Adds the step {@code providerId}, REQUIRED, at the end of the flow {@code flowAlias} (a sub-flow's display name). */
    AuthenticationExecutionInfoRepresentation addRequiredStep(String flowAlias, String providerId) {
        flows().addExecution(flowAlias, Map.of("provider", providerId));
        AuthenticationExecutionInfoRepresentation step = step(flowAlias, providerId);
        step.setRequirement("REQUIRED");
        flows().updateExecutions(flowAlias, step);
        return step;
    }

    /** The step {@code providerId} among the flow's direct children (nested ones are at deeper levels). */
    AuthenticationExecutionInfoRepresentation step(String flowAlias, String providerId) {
        return flows().getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0 && providerId.equals(e.getProviderId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + providerId + " in " + flowAlias));
    }

    /** Gives the step its settings, named {@code alias}. */
    void configure(AuthenticationExecutionInfoRepresentation step, String alias, Map<String, String> settings) {
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias(alias);
        config.setConfig(settings);
        try (Response created = flows().newExecutionConfig(step.getId(), config)) {
            expect(created, 201, "settings " + alias + " of " + step.getProviderId());
        }
    }

    /** A flow's executions, indented by level, with their settings' alias, for the report. */
    String describeExecutions(String flowAlias) {
        StringBuilder text = new StringBuilder();
        for (AuthenticationExecutionInfoRepresentation e : flows().getExecutions(flowAlias)) {
            text.append("  ".repeat(e.getLevel())).append("- ")
                    .append(e.getProviderId() != null ? e.getProviderId() : e.getDisplayName())
                    .append(" (").append(e.getRequirement()).append(")")
                    .append(e.getAlias() != null ? " [config: " + e.getAlias() + "]" : "")
                    .append('\n');
        }
        return text.toString();
    }

    /** Points the realm's mails at another SMTP port (a realm update: every variant pays it alike). */
    void useSmtp(int port) {
        RealmRepresentation change = new RealmRepresentation();
        change.setSmtpServer(smtp(port));
        realm.update(change);
    }

    /** The realm as the server has it now. */
    RealmRepresentation representation() {
        return realm.toRepresentation();
    }

    /** The realm's stored events of one type (and one client, unless null), newest first. */
    List<EventRepresentation> events(String type, String clientId) {
        return realm.getEvents(List.of(type), clientId, null, null, null, null, 0, MAX_EVENTS);
    }

    /** How many events there are of each value of {@code key}, in the key's order. */
    static Map<String, Long> tally(List<EventRepresentation> events, Function<EventRepresentation, String> key) {
        return events.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** One detail of an event, {@code (none)} when it has not got it. */
    static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? "(none)" : event.getDetails().getOrDefault(key, "(none)");
    }

    /** The realm's SMTP settings for a mail server on the loopback address. */
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

    static void expect(Response response, int status, String what) {
        if (response.getStatus() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.getStatus() + " "
                    + response.readEntity(String.class));
        }
    }
}
