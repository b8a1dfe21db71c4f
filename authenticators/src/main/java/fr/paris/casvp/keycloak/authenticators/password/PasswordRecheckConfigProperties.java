package fr.paris.casvp.keycloak.authenticators.password;

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
                    + PasswordRecheckConfig.DEFAULT_POLICIES + ". Policies not set in the realm are skipped.")
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
            .build();

    private PasswordRecheckConfigProperties() {
    }
}
