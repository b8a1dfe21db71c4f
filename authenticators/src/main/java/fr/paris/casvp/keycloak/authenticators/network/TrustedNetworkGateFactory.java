package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;
import fr.paris.casvp.keycloak.authenticators.settings.StepSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code casvp-trusted-network-gate}: no sign-in from outside the trusted networks (the
 * VPN), except for members of a mobility group. Place it after the password step so the
 * group is known; the refusal page never says whether the password was right.
 */
public final class TrustedNetworkGateFactory extends StepFactory {

    public static final String ID = "casvp-trusted-network-gate";

    public TrustedNetworkGateFactory() {
        super(ID, new TrustedNetworkGate(), "CASVP: trusted networks (VPN) gate",
                "Refuses sign-in from outside the realm's trusted networks (Authentication > Required actions > "
                        + "CASVP trusted networks) with a page explaining how to connect through the VPN; members of "
                        + "the mobility group may pass.", TrustedNetworkConfig.SETTINGS);
    }

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
                .map(gate -> TrustedNetworkConfig.of(StepSettings.settingsOf(realm, gate)))
                .filter(config -> !TrustedNetworkGate.lets(context, user, config))
                .map(config -> TrustedNetworkGate.page(context));
    }
}
