package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code casvp-trusted-network-gate}: no sign-in from outside the trusted networks (the
 * VPN), except for members of a mobility group. Place it after the password step so the
 * group is known; the refusal page never says whether the password was right.
 */
public final class TrustedNetworkGateFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-trusted-network-gate";

    private static final TrustedNetworkGate SINGLETON = new TrustedNetworkGate();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(TrustedNetworkConfig.MOBILITY_GROUP)
            .label("Group allowed from outside")
            .helpText("Name of the group whose members (agents in mobility) may sign in from outside the trusted "
                    + "networks. Empty: nobody.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .build();

    /**
     * For the step that checks the password before this gate: the gate's page when the gate,
     * placed in the same flow, will refuse this request whatever the password ({@code user}
     * null: an unknown identifier, never a member of the mobility group). Giving it for a
     * wrong password too means a sprayer outside the trusted networks cannot tell a right
     * password from a wrong one. The user is looked up only from outside the trusted networks.
     */
    public static Optional<Response> refusalAhead(AuthenticationFlowContext context, Supplier<UserModel> user) {
        AuthenticationExecutionModel current = context.getExecution();
        if (current == null) {
            return Optional.empty();
        }
        RealmModel realm = context.getRealm();
        return realm.getAuthenticationExecutionsStream(current.getParentFlow())
                .filter(execution -> ID.equals(execution.getAuthenticator()) && execution.isRequired()
                        && execution.getPriority() > current.getPriority())
                .findFirst()
                .map(gate -> new TrustedNetworkConfig(gate.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(gate.getAuthenticatorConfig())))
                .filter(config -> !TrustedNetworkGate.lets(context, user, config))
                .map(config -> TrustedNetworkGate.page(context));
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: trusted networks (VPN) gate";
    }

    @Override
    public String getHelpText() {
        return "Refuses sign-in from outside the realm's trusted networks (Authentication > Required actions > "
                + "CASVP trusted networks) with a page explaining how to connect through the VPN; members of the "
                + "mobility group may pass.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }
}
