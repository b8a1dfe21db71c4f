package fr.paris.casvp.keycloak.authenticators.setup;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a realm import that still holds a placeholder such as {@code ${CASVP_WEBMAIL_SECRET}}.
 *
 * <p>Keycloak resolves {@code ${NAME}} and {@code ${NAME:default}} from the environment when it
 * imports a realm file, and keeps a placeholder without a default <em>as is</em> when the
 * variable is not set: the {@code webmail} client would get the literal text as its secret,
 * the mails would go to a host named "${CASVP_SMTP_HOST}". The realm export leaves no default
 * for what production must set (secrets, addresses; URLs default to an address under the
 * reserved name {@value #UNSET_HOST}, which Keycloak's own URL checks accept), so this check turns a forgotten
 * variable into a failed import, with the variables named, before anything is committed.
 * Only upper-case names count: Keycloak's own message keys ({@code ${client_account}},
 * {@code ${username}}) are lower-case.
 */
public final class UnsetPlaceholderCheck implements ProviderEventListener {

    /** Host of the default of a URL placeholder, {@code ${NAME:https://unset.invalid/NAME}}. */
    public static final String UNSET_HOST = "unset.invalid";

    /**
     * A placeholder left as is, or the default of a URL placeholder: Keycloak checks URLs
     * before this check runs, so the realm file gives them {@code https://unset.invalid/NAME}
     * (a reserved name that never resolves) and this check names the variable.
     */
    private static final Pattern UNSET = Pattern.compile(
            "\\$\\{([A-Z][A-Z0-9_]*)}|https://" + Pattern.quote(UNSET_HOST) + "/([A-Z][A-Z0-9_]*)");

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            RealmModel realm = created.getCreatedRealm();
            Map<String, List<String>> unset = unset(valuesOf(realm));
            if (!unset.isEmpty()) {
                throw new ModelException(message(realm.getName(), unset));
            }
        }
    }

    /**
     * The realm's settings that come from its file and may hold an environment placeholder,
     * each under a name that tells an admin where it is.
     */
    static Map<String, String> valuesOf(RealmModel realm) {
        Map<String, String> values = new LinkedHashMap<>();
        realm.getSmtpConfig().forEach((key, value) -> values.put("smtpServer." + key, value));
        realm.getAttributes().forEach((key, value) -> values.put("realm attribute " + key, value));
        if (realm.getPasswordPolicy() != null) {
            values.put("passwordPolicy", realm.getPasswordPolicy().toString());
        }
        realm.getClientsStream().forEach(client -> clientValues(client, values));
        realm.getAuthenticatorConfigsStream().filter(config -> config.getConfig() != null)
                .forEach(config -> config.getConfig().forEach((key, value) ->
                        values.put("authenticator config \"" + config.getAlias() + "\"." + key, value)));
        realm.getRequiredActionConfigsStream().filter(config -> config.getConfig() != null)
                .forEach(config -> config.getConfig().forEach((key, value) ->
                        values.put("required action config \"" + config.getAlias() + "\"." + key, value)));
        return values;
    }

    private static void clientValues(ClientModel client, Map<String, String> values) {
        String where = "client " + client.getClientId() + ".";
        values.put(where + "secret", client.getSecret());
        values.put(where + "rootUrl", client.getRootUrl());
        values.put(where + "baseUrl", client.getBaseUrl());
        values.put(where + "adminUrl", client.getManagementUrl());
        values.put(where + "redirectUris", String.join(" ", client.getRedirectUris()));
        values.put(where + "webOrigins", String.join(" ", client.getWebOrigins()));
        client.getAttributes().forEach((key, value) -> values.put(where + key, value));
    }

    /** Each unset variable, with where it is used; empty when every placeholder was resolved. */
    static Map<String, List<String>> unset(Map<String, String> values) {
        Map<String, List<String>> unset = new LinkedHashMap<>();
        values.forEach((where, value) -> {
            if (value == null) {
                return;
            }
            Matcher matcher = UNSET.matcher(value);
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                unset.computeIfAbsent(name, key -> new ArrayList<>()).add(where);
            }
        });
        return unset;
    }

    static String message(String realmName, Map<String, List<String>> unset) {
        StringBuilder text = new StringBuilder("Realm ").append(realmName).append(" not imported: ")
                .append(unset.size() == 1 ? "environment variable " : "environment variables ")
                .append(String.join(", ", new TreeSet<>(unset.keySet())))
                .append(unset.size() == 1 ? " is" : " are").append(" not set (");
        List<String> uses = new ArrayList<>();
        unset.forEach((name, where) -> uses.add(name + " for " + String.join(", ", where)));
        return text.append(String.join("; ", uses))
                .append("). Set them (docs/install.md) and start Keycloak again.").toString();
    }
}
