package fr.paris.casvp.keycloak.it.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.paris.casvp.keycloak.it.support.RealmFiles;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The {@code bench} realm of the full-flow benchmark, set up through the admin REST API: one
 * public client bound to Keycloak's built-in {@code browser} flow, one bound to a copy of the
 * whole casvp browser flow ({@code casvp browser} and all its sub-flows, steps, requirements
 * and step settings) built execution by execution from the realm export
 * {@code casvp-realm.json}, as an admin would in the console; and a pool of agents.
 *
 * <p>From the export, the realm also takes what concerns every sign-in of both clients alike:
 * Keycloak's brute-force settings (the casvp password form keeps that check as a backstop),
 * the event listeners and the e-mail theme. The realm's trusted networks (the
 * {@code casvp-trusted-networks} setting, registered and left disabled as in the export)
 * include 127.0.0.0/8 and ::1, where the bench signs in from. Left out: the password policy
 * (so the password form's sign-in re-check finds no policy to apply, see the report), the
 * user profile, groups and the login theme, which stays Keycloak's default for both clients.
 *
 * <p>For profiling, more copies can be made with some steps or sub-flows left out
 * ({@link Trimmed}), each with its own client; their flows, sub-flows and step settings
 * carry a prefix, since aliases are unique in a realm.
 */
final class FlowBenchRealm {

    static final String CASVP_CLIENT = "bench-casvp";
    private static final String TRUSTED_NETWORKS = "127.0.0.0/8, ::1/128";

    /** Realm settings copied from the export: they apply to both clients alike. */
    private static final List<String> REALM_SETTINGS = List.of("bruteForceProtected", "permanentLockout",
            "failureFactor", "waitIncrementSeconds", "maxFailureWaitSeconds", "maxDeltaTimeSeconds",
            "quickLoginCheckMilliSeconds", "minimumQuickLoginWaitSeconds", "eventsListeners", "emailTheme");
    /** {@code ${NAME}} or {@code ${NAME:default}}: resolved by Keycloak on import only, so here by hand. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of the casvp flow without the named steps (provider ids) or sub-flows (aliases), bound to a client. */
    record Trimmed(String clientId, String aliasPrefix, Set<String> leftOut) {
    }

    private final BenchRealm realm;
    private final String flowAlias;
    private final Map<String, Object> copiedSettings;

    private FlowBenchRealm(BenchRealm realm, String flowAlias, Map<String, Object> copiedSettings) {
        this.realm = realm;
        this.flowAlias = flowAlias;
        this.copiedSettings = copiedSettings;
    }

    static FlowBenchRealm create(Keycloak admin, Path realmImportDir, int userCount, int smtpPort,
                                 List<Trimmed> trimmedCopies) throws IOException {
        JsonNode export = JSON.readTree(realmImportDir.resolve(RealmFiles.REALM_FILE).toFile());

        ObjectNode copied = JSON.createObjectNode();
        for (String key : REALM_SETTINGS) {
            if (export.has(key)) {
                copied.set(key, export.get(key));
            }
        }
        RealmRepresentation rep = JSON.treeToValue(copied, RealmRepresentation.class);
        rep.setSmtpServer(BenchRealm.smtp(smtpPort));
        BenchRealm realm = BenchRealm.create(admin, rep, casvpSteps(export));
        // the setting stays disabled, as in the export
        RealmSettings.setTrustedNetworks(realm.resource(), TRUSTED_NETWORKS);

        String alias = export.path("browserFlow").asText();
        copyFlow(realm.flows(), export, alias, "", Set.of());
        realm.createClient(BenchRealm.STOCK_CLIENT, "browser");
        realm.createClient(CASVP_CLIENT, alias);
        for (Trimmed trimmed : trimmedCopies) {
            copyFlow(realm.flows(), export, alias, trimmed.aliasPrefix(), trimmed.leftOut());
            realm.createClient(trimmed.clientId(), trimmed.aliasPrefix() + alias);
        }
        // the identifier format the casvp password form expects (first.last): no format hint is shown
        realm.createUsers("agent.bench%03d", userCount);
        Map<String, Object> settings = new LinkedHashMap<>();
        copied.fields().forEachRemaining(e -> settings.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        return new FlowBenchRealm(realm, alias, settings);
    }

    /** The realm itself: users, events. */
    BenchRealm bench() {
        return realm;
    }

    /** The realm settings taken from the export, as given there. */
    Map<String, Object> copiedSettings() {
        return copiedSettings;
    }

    String trustedNetworks() {
        return RealmSettings.trustedNetworks(realm.resource());
    }

    /** Required actions enabled in the bench realm (none of them is the bundle's). */
    List<String> enabledRequiredActions() {
        return realm.flows().getRequiredActions().stream().filter(a -> a.isEnabled())
                .map(a -> a.getAlias()).sorted().toList();
    }

    /** A copied flow's executions, indented by level, with their settings' alias, for the report. */
    String describeFlow(String aliasPrefix) {
        StringBuilder text = new StringBuilder(aliasPrefix + flowAlias).append('\n');
        for (String line : actual(realm.flows(), aliasPrefix + flowAlias)) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** The casvp steps of the export's flows: the server must have them all, or the copy could not be built. */
    private static Set<String> casvpSteps(JsonNode export) {
        Set<String> needed = new TreeSet<>();
        for (JsonNode flow : export.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                String provider = execution.path("authenticator").asText("");
                if (provider.startsWith("casvp-")) {
                    needed.add(provider);
                }
            }
        }
        return needed;
    }

    /**
     * Builds the top-level flow {@code alias} of the export and, depth first, its sub-flows:
     * each execution added in priority order (so in the same order), given its requirement,
     * and its settings when it has some; then checks the result against the export. Flows and
     * settings are named {@code prefix + alias}; executions named in {@code leftOut} are skipped.
     */
    private static void copyFlow(AuthenticationManagementResource flows, JsonNode export, String alias, String prefix,
                                 Set<String> leftOut) throws JsonProcessingException {
        Map<String, JsonNode> flowsByAlias = new HashMap<>();
        export.path("authenticationFlows").forEach(f -> flowsByAlias.put(f.path("alias").asText(), f));
        Map<String, JsonNode> configsByAlias = new HashMap<>();
        export.path("authenticatorConfig").forEach(c -> configsByAlias.put(c.path("alias").asText(), c));
        JsonNode top = required(flowsByAlias, alias, "flow");

        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(prefix + alias);
        flow.setDescription(top.path("description").asText(null));
        flow.setProviderId(top.path("providerId").asText("basic-flow"));
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            BenchRealm.expect(created, 201, "flow " + prefix + alias);
        }
        Copy copy = new Copy(flows, flowsByAlias, configsByAlias, prefix, leftOut);
        copy.addExecutions(alias, top);

        List<String> expected = new ArrayList<>();
        copy.expected(alias, 0, expected);
        List<String> actual = actual(flows, prefix + alias);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("The copy of " + alias + " differs from " + RealmFiles.REALM_FILE
                    + ":\nexpected\n" + String.join("\n", expected) + "\nbuilt\n" + String.join("\n", actual));
        }
    }

    /** One copy being built: where the export's flows and settings are, the prefix, what is left out. */
    private record Copy(AuthenticationManagementResource flows, Map<String, JsonNode> flowsByAlias,
                        Map<String, JsonNode> configsByAlias, String prefix, Set<String> leftOut) {

        void addExecutions(String parentAlias, JsonNode flow) throws JsonProcessingException {
            String parent = prefix + parentAlias;
            for (JsonNode execution : kept(flow)) {
                boolean subFlow = execution.path("authenticatorFlow").asBoolean(false);
                String name = name(execution);
                if (subFlow) {
                    JsonNode child = required(flowsByAlias, name, "flow");
                    Map<String, Object> data = new HashMap<>();
                    data.put("alias", prefix + name);
                    data.put("type", child.path("providerId").asText("basic-flow"));
                    data.put("description", child.path("description").asText(""));
                    flows.addExecutionFlow(parent, data);
                } else {
                    flows.addExecution(parent, Map.of("provider", name));
                }
                List<AuthenticationExecutionInfoRepresentation> direct = flows.getExecutions(parent).stream()
                        .filter(e -> e.getLevel() == 0).toList();
                AuthenticationExecutionInfoRepresentation added = direct.get(direct.size() - 1);
                String addedName = subFlow ? added.getDisplayName() : added.getProviderId();
                if (!(subFlow ? prefix + name : name).equals(addedName)) {
                    throw new IllegalStateException("Added " + name + " to " + parent + " but the last step is "
                            + addedName);
                }
                added.setRequirement(execution.path("requirement").asText());
                flows.updateExecutions(parent, added);

                String configAlias = execution.path("authenticatorConfig").asText("");
                if (!configAlias.isEmpty()) {
                    AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
                    config.setAlias(prefix + configAlias);
                    config.setConfig(resolved(required(configsByAlias, configAlias, "authenticatorConfig")
                            .path("config")));
                    try (Response created = flows.newExecutionConfig(added.getId(), config)) {
                        BenchRealm.expect(created, 201, "settings " + prefix + configAlias);
                    }
                }
                if (subFlow) {
                    addExecutions(name, flowsByAlias.get(name));
                }
            }
        }

        /** The copy as the export describes it, one line per execution: indent, name, requirement, settings. */
        void expected(String alias, int level, List<String> lines) {
            for (JsonNode execution : kept(flowsByAlias.get(alias))) {
                boolean subFlow = execution.path("authenticatorFlow").asBoolean(false);
                String name = name(execution);
                String configAlias = execution.path("authenticatorConfig").asText("");
                lines.add(line(level, subFlow ? prefix + name : name, execution.path("requirement").asText(),
                        configAlias.isEmpty() ? null : prefix + configAlias));
                if (subFlow) {
                    expected(name, level + 1, lines);
                }
            }
        }

        /** The flow's executions in priority order, without those left out. */
        private List<JsonNode> kept(JsonNode flow) {
            return StreamSupport.stream(flow.path("authenticationExecutions").spliterator(), false)
                    .filter(e -> !leftOut.contains(name(e)))
                    .sorted(Comparator.comparingInt(e -> e.path("priority").asInt()))
                    .toList();
        }

        private static String name(JsonNode execution) {
            return execution.path("authenticatorFlow").asBoolean(false) ? execution.path("flowAlias").asText()
                    : execution.path("authenticator").asText();
        }
    }

    /** The flow as the server has it, in the same form as {@link Copy#expected}. */
    private static List<String> actual(AuthenticationManagementResource flows, String alias) {
        List<String> lines = new ArrayList<>();
        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(alias)) {
            boolean subFlow = Boolean.TRUE.equals(e.getAuthenticationFlow());
            lines.add(line(e.getLevel(), subFlow ? e.getDisplayName() : e.getProviderId(), e.getRequirement(),
                    e.getAlias()));
        }
        return lines;
    }

    private static String line(int level, String name, String requirement, String configAlias) {
        return "  ".repeat(level) + "- " + name + " (" + requirement + ")"
                + (configAlias == null || configAlias.isEmpty() ? "" : " [settings: " + configAlias + "]");
    }

    /** The settings' values with {@code ${NAME:default}} placeholders replaced by their default. */
    private static Map<String, String> resolved(JsonNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> {
            Matcher placeholder = PLACEHOLDER.matcher(e.getValue().asText());
            values.put(e.getKey(), placeholder.replaceAll(m -> Matcher.quoteReplacement(
                    m.group(2) == null ? "" : m.group(2))));
        });
        return values;
    }

    private static JsonNode required(Map<String, JsonNode> byAlias, String alias, String what) {
        JsonNode node = byAlias.get(alias);
        if (node == null) {
            throw new IllegalStateException("No " + what + " \"" + alias + "\" in " + RealmFiles.REALM_FILE);
        }
        return node;
    }
}
