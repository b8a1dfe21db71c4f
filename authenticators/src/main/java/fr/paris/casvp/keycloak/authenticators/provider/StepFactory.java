package fr.paris.casvp.keycloak.authenticators.provider;

import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.function.Function;

/**
 * The factory of a step of the bundle: one stateless step, its settings declared once, either
 * required or off in a flow, never something a user sets up. A factory passes what it is
 * and overrides only what differs (a credential category, the alternative requirement).
 */
public abstract class StepFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    private static final AuthenticationExecutionModel.Requirement[] REQUIRED_OR_OFF = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    private final String id;
    private final Function<KeycloakSession, Authenticator> steps;
    private final String displayType;
    private final String helpText;
    private final List<ProviderConfigProperty> properties;

    protected StepFactory(String id, Authenticator step, String displayType, String helpText, Settings settings) {
        this(id, session -> step, displayType, helpText, settings);
    }

    /** For a step that keeps something of its request: one step per request. */
    protected StepFactory(String id, Function<KeycloakSession, Authenticator> steps, String displayType,
                          String helpText, Settings settings) {
        this.id = id;
        this.steps = steps;
        this.displayType = displayType;
        this.helpText = helpText;
        this.properties = settings == null ? List.of() : settings.properties();
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return steps.apply(session);
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayType() {
        return displayType;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public final boolean isConfigurable() {
        return !properties.isEmpty();
    }

    /** No credential of its own: Keycloak counts its failures under no category. */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIRED_OR_OFF.clone();
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }
}
