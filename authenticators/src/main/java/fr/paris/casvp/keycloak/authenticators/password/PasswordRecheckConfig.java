package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.identifier.IdentifierHelp;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutSettings;
import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Arrays;
import java.util.List;

/**
 * Settings of the {@code casvp-password-form} step, with defaults when the admin set none:
 * its own, then the lockout's ({@link LockoutSettings}).
 *
 * @param identifierHelp how typed identifiers are normalised and checked
 * @param policies       ids of the password policies the password is re-checked against at sign-in
 */
record PasswordRecheckConfig(List<String> policies, IdentifierHelp identifierHelp, LockoutSettings lockout) {

    private static final Logger LOG = Logger.getLogger(PasswordRecheckConfig.class);

    static final String DEFAULT_POLICIES = "casvp-breached,casvp-blocklist";

    static final Setting<List<String>> POLICIES = Setting.parsed("policies", DEFAULT_POLICIES,
            PasswordRecheckConfig::policyIds, "Password policies re-checked at sign-in",
            "Comma-separated ids of realm password policies (among those set in Authentication → Policies) that the "
                    + "password typed at sign-in must still pass; when one refuses it, the agent must choose a new "
                    + "password before going on. Default: " + DEFAULT_POLICIES + ". Policies not set in the realm "
                    + "are skipped; \"none\" switches the re-check off.");
    static final Setting<String> IDENTIFIER_DOMAINS = Setting.text("identifierDomains",
            "Mail domains removed from the identifier", "Comma-separated domains (e.g. @casvp.paris.fr, @paris.fr): "
                    + "an agent who types prenom.nom@casvp.paris.fr is looked up as prenom.nom. Spaces around the "
                    + "identifier and capitals are always removed.");
    static final Setting<String> IDENTIFIER_FORMAT = Setting.text("identifierFormat", "Expected identifier format",
            "Java regular expression for the whole identifier (after normalisation), e.g. "
                    + "[a-z0-9][a-z0-9'-]*(\\.[a-z0-9][a-z0-9'-]*)+ for prenom.nom. When a sign-in fails with an "
                    + "identifier that does not match, the message reminds the agent of the format; it depends on "
                    + "what was typed only, never on whether the account exists. Empty: no reminder.");
    static final Settings SETTINGS = Settings.of(PasswordRecheckFormFactory.ID, POLICIES, IDENTIFIER_DOMAINS,
            IDENTIFIER_FORMAT).and(LockoutSettings.SETTINGS);

    /** The step's settings, read once per request: the form's methods all see the same. */
    static PasswordRecheckConfig of(AuthenticationFlowContext context) {
        AuthenticatorConfigModel model = context.getAuthenticatorConfig();
        String name = "passwordForm." + (model == null ? "defaults" : model.getId());
        return OncePerRequest.get(context.getSession(), context.getRealm(), name, PasswordRecheckConfig.class,
                () -> of(model));
    }

    static PasswordRecheckConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        return new PasswordRecheckConfig(saved.get(POLICIES),
                identifierHelp(saved.get(IDENTIFIER_DOMAINS), saved.get(IDENTIFIER_FORMAT)), LockoutSettings.of(saved));
    }

    /** A format that is not a valid expression is ignored (and logged) rather than failing sign-in. */
    private static IdentifierHelp identifierHelp(String domains, String format) {
        try {
            return IdentifierHelp.of(domains, format);
        } catch (IllegalArgumentException e) {
            LOG.warnf("casvp-password-form: identifier format ignored: %s", e.getMessage());
            return IdentifierHelp.of(domains, "");
        }
    }

    private static List<String> policyIds(String value) {
        if ("none".equalsIgnoreCase(value.trim())) {
            // Keycloak drops empty settings when saving, so "none" is how an admin switches the re-check off.
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    }
}
