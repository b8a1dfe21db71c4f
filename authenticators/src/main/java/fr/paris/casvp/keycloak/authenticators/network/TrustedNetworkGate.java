package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.UserModel;

import java.util.function.Supplier;

/**
 * Refuses sign-in from outside the realm's trusted networks (the VPN), with a page explaining
 * how to connect through it and whom to call; members of the mobility group may pass.
 * The client address is Keycloak's ({@code ClientConnection.getRemoteAddr()}): which
 * proxies to believe is Keycloak's {@code proxy-headers} / {@code proxy-trusted-addresses}
 * business, never a header read here.
 */
final class TrustedNetworkGate implements SimpleStep {

    static final String PAGE = "casvp-vpn-required.ftl";
    static final String EVENT_ERROR = "casvp_outside_trusted_network";

    /** An unknown identifier is refused from outside like any other: the page never tells. */
    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TrustedNetworkConfig config = TrustedNetworkConfig.of(context.getAuthenticatorConfig());
        if (lets(context, context::getUser, config)) {
            context.success();
            return;
        }
        context.getEvent().error(EVENT_ERROR);
        context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page(context));
    }

    /**
     * Whether this request may go on: from a trusted network, or by a member of the mobility
     * group (the user is looked up only from outside).
     */
    static boolean lets(AuthenticationFlowContext context, Supplier<UserModel> user, TrustedNetworkConfig config) {
        return RealmTrustedNetworks.of(context.getSession(), context.getRealm()).contains(context.getConnection().getRemoteAddr())
                || inMobilityGroup(user.get(), config.mobilityGroup());
    }

    private static boolean inMobilityGroup(UserModel user, String group) {
        return user != null && !group.isEmpty() && user.getGroupsStream().anyMatch(g -> group.equals(g.getName()));
    }

    /**
     * The "connect through the VPN" page, 403, headed by the identifier as typed (with
     * "restart"), whether the password was right or not: Keycloak would otherwise show that
     * header only once the password was right.
     */
    static Response page(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.USERNAME_HIDDEN, "true");
        return context.form().setStatus(Response.Status.FORBIDDEN).createForm(PAGE);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
