package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.lockout.LockoutSettings;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** What the admin console shows for the {@code casvp-password-form} step. */
final class PasswordRecheckConfigProperties {

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(PasswordRecheckConfig.POLICIES)
            .label("Password policies re-checked at sign-in")
            .helpText("Comma-separated ids of realm password policies (among those set in Authentication → "
                    + "Policies) that the password typed at sign-in must still pass; when one refuses it, the "
                    + "agent must choose a new password before going on. Default: "
                    + PasswordRecheckConfig.DEFAULT_POLICIES + ". Policies not set in the realm are skipped; \"none\" switches the re-check off.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(PasswordRecheckConfig.DEFAULT_POLICIES)
            .add()
            .property()
            .name(PasswordRecheckConfig.IDENTIFIER_DOMAINS)
            .label("Mail domains removed from the identifier")
            .helpText("Comma-separated domains (e.g. @casvp.paris.fr, @paris.fr): an agent who types "
                    + "prenom.nom@casvp.paris.fr is looked up as prenom.nom. Spaces around the identifier and "
                    + "capitals are always removed.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("")
            .add()
            .property()
            .name(PasswordRecheckConfig.IDENTIFIER_FORMAT)
            .label("Expected identifier format")
            .helpText("Java regular expression for the whole identifier (after normalisation), e.g. "
                    + "[a-z0-9][a-z0-9'-]*(\\.[a-z0-9][a-z0-9'-]*)+ for prenom.nom. When a sign-in fails with an "
                    + "identifier that does not match, the message reminds the agent of the format; it depends on "
                    + "what was typed only, never on whether the account exists. Empty: no reminder.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("")
            .add()
            .property()
            .name(LockoutSettings.DELAY_AFTER)
            .label("Lockout: delay after (failures)")
            .helpText("After this many consecutive failures from a browser, each further try waits (CNIL case 2: 5).")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("5")
            .add()
            .property()
            .name(LockoutSettings.DELAY_SECONDS)
            .label("Lockout: delay (seconds)")
            .helpText("The wait after the delay threshold (CNIL: more than 1 minute).")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("90")
            .add()
            .property()
            .name(LockoutSettings.LOCK_AFTER)
            .label("Lockout: lock after (failures)")
            .helpText("After this many consecutive failures, this browser (or all unknown browsers) is locked.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("10")
            .add()
            .property()
            .name(LockoutSettings.LOCK_MINUTES)
            .label("Lockout: lock duration (minutes)")
            .helpText("How long a lock lasts; a password reset ends it at once.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("60")
            .add()
            .property()
            .name(LockoutSettings.MAX_PER_WINDOW)
            .label("Lockout: most failures per day")
            .helpText("At most this many failures per window (CNIL: 25 per 24 h), then locked until the window ends.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("25")
            .add()
            .property()
            .name(LockoutSettings.WINDOW_MINUTES)
            .label("Lockout: window (minutes)")
            .helpText("The window of the daily limit.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("1440")
            .add()
            .property()
            .name(LockoutSettings.REPEAT_MINUTES)
            .label("Lockout: same wrong password counts once for (minutes)")
            .helpText("A wrong password repeated within this time (an old password saved in a phone) counts once.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("60")
            .add()
            .property()
            .name(LockoutSettings.SOURCE_MAX)
            .label("Spraying: most failures per source")
            .helpText("Failures from one address (IPv6: /64) across all accounts per window before it gets \"too many attempts\".")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("30")
            .add()
            .property()
            .name(LockoutSettings.SOURCE_TRUSTED_MAX)
            .label("Spraying: most failures per trusted source")
            .helpText("The same, for a source inside the realm's trusted networks (Authentication > Required actions > "
                    + "CASVP trusted networks): the whole agency may share a VPN address.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("300")
            .add()
            .property()
            .name(LockoutSettings.SOURCE_WINDOW_MINUTES)
            .label("Spraying: window (minutes)")
            .helpText("The window of the per-source limit.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("60")
            .add()
            .build();

    private PasswordRecheckConfigProperties() {
    }
}
