package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

import java.util.List;
import java.util.Map;

/**
 * {@code casvp-recovery-address}: agents without a verified recovery address add one at
 * sign-in, proven by a code sent to it. Settings are checked when saved in the admin
 * console (Authentication → Required actions).
 */
public final class RecoveryAddressActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "casvp-recovery-address";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "CASVP: verify a recovery address";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new RecoveryAddressAction();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return RecoveryAddressConfig.PROPERTIES;
    }

    /** Refuses a number of postpones that is not a whole number from 0, and a role the realm does not have. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        Map<String, String> saved = model.getConfig() == null ? Map.of() : model.getConfig();
        RecoveryAddressConfig.SETTINGS.firstUnreadable(saved).ifPresent(setting -> {
            throw new ValidationException(new ValidationError(ID, setting.key(), "error-invalid-value"));
        });
        String role = RecoveryAddressConfig.of(model, AgentSettings.DEFAULTS).mandatoryRole();
        if (!role.isEmpty() && KeycloakModelUtils.getRoleFromString(realm, role) == null) {
            throw new ValidationException(new ValidationError(ID, RecoveryAddressConfig.MANDATORY_ROLE.key(),
                    "error-invalid-value"));
        }
    }
}
