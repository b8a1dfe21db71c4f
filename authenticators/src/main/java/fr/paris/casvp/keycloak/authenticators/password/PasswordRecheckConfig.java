package fr.paris.casvp.keycloak.authenticators.password;

import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Settings of the {@code casvp-password-form} step, with defaults when the admin set none. */
final class PasswordRecheckConfig {

    static final String POLICIES = "policies";
    static final String DEFAULT_POLICIES = "casvp-breached,casvp-blocklist";

    private final Map<String, String> values;

    PasswordRecheckConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** Ids of the password policies the password is re-checked against at sign-in. */
    List<String> policies() {
        String value = values.getOrDefault(POLICIES, DEFAULT_POLICIES);
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    }
}
