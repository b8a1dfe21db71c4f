package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.identifier.IdentifierHelp;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutSettings;

/** Settings of the {@code casvp-password-form} step, with defaults when the admin set none. */
final class PasswordRecheckConfig {

    private static final Logger LOG = Logger.getLogger(PasswordRecheckConfig.class);

    static final String POLICIES = "policies";
    static final String DEFAULT_POLICIES = "casvp-breached,casvp-blocklist";
    static final String IDENTIFIER_DOMAINS = "identifierDomains";
    static final String IDENTIFIER_FORMAT = "identifierFormat";

    private final Map<String, String> values;

    /** Lockout and spraying settings of this step. */
    LockoutSettings lockout() {
        return new LockoutSettings(values);
    }

    PasswordRecheckConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /**
     * How typed identifiers are normalised and checked; a format that is not a valid
     * expression is ignored (logged by the caller) rather than failing sign-in.
     */
    IdentifierHelp identifierHelp() {
        String domains = values.getOrDefault(IDENTIFIER_DOMAINS, "");
        try {
            return IdentifierHelp.of(domains, values.getOrDefault(IDENTIFIER_FORMAT, ""));
        } catch (IllegalArgumentException e) {
            LOG.warnf("casvp-password-form: identifier format ignored: %s", e.getMessage());
            return IdentifierHelp.of(domains, "");
        }
    }

    /** Ids of the password policies the password is re-checked against at sign-in. */
    List<String> policies() {
        String value = values.getOrDefault(POLICIES, DEFAULT_POLICIES);
        if ("none".equalsIgnoreCase(value.trim())) {
            // Keycloak drops empty settings when saving, so "none" is how an admin switches the re-check off.
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    }
}
