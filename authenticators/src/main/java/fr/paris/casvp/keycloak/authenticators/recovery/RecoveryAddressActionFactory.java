package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

import java.util.List;

/**
 * {@code casvp-recovery-address}: agents without a verified recovery address add one at
 * sign-in, proven by a code sent to it. Settings are checked when saved in the admin
 * console (Authentication → Required actions).
 */
public final class RecoveryAddressActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "casvp-recovery-address";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(RecoveryAddressConfig.MAX_POSTPONES).label("Times the agent may postpone")
            .helpText("Sign-ins at which the agent may answer \"later\" before adding the address becomes mandatory"
                    + " (0: mandatory at once).")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(RecoveryAddressConfig.DEFAULT_MAX_POSTPONES)).add()
            .property().name(RecoveryAddressConfig.MANDATORY_ROLE).label("Mandatory for role")
            .helpText("Agents with this role can never postpone (realm role, or client-id.role). Empty: nobody.")
            .type(ProviderConfigProperty.ROLE_TYPE).add()
            .property().name(RecoveryAddressConfig.ATTRIBUTE).label("Recovery address attribute")
            .helpText("User profile attribute holding the recovery address; \"<name>Verified\" holds the address"
                    + " that was verified.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(RecoveryAddressConfig.DEFAULT_ATTRIBUTE).add()
            .build();
    /** Keycloak's "maximum age of authentication" for an application-initiated change (default 0: sign in again). */
    private static final List<ProviderConfigProperty> ALL_PROPERTIES = java.util.stream.Stream.concat(
            PROPERTIES.stream(), RequiredActionFactory.getMaxAuthAgePropertyConfig().stream()).toList();

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
        return ALL_PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        String postpones = model.getConfigValue(RecoveryAddressConfig.MAX_POSTPONES);
        if (postpones != null && !postpones.isBlank()) {
            try {
                if (Integer.parseInt(postpones.trim()) < 0) {
                    throw new ValidationException(new ValidationError(ID, RecoveryAddressConfig.MAX_POSTPONES,
                            "error-number-out-of-range-too-small", 0));
                }
            } catch (NumberFormatException notANumber) {
                throw new ValidationException(new ValidationError(ID, RecoveryAddressConfig.MAX_POSTPONES,
                        "error-invalid-value"));
            }
        }
        String role = model.getConfigValue(RecoveryAddressConfig.MANDATORY_ROLE);
        if (role != null && !role.isBlank() && KeycloakModelUtils.getRoleFromString(realm, role.trim()) == null) {
            throw new ValidationException(new ValidationError(ID, RecoveryAddressConfig.MANDATORY_ROLE,
                    "error-invalid-value"));
        }
        String attribute = model.getConfigValue(RecoveryAddressConfig.ATTRIBUTE);
        if (attribute != null && !attribute.isBlank() && !attribute.trim().matches("[A-Za-z][A-Za-z0-9_.-]{0,200}")) {
            throw new ValidationException(new ValidationError(ID, RecoveryAddressConfig.ATTRIBUTE,
                    "error-invalid-value"));
        }
    }
}
