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
            .build();

    private PasswordRecheckConfigProperties() {
    }
}
