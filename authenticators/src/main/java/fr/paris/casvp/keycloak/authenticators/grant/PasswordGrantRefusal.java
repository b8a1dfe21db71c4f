package fr.paris.casvp.keycloak.authenticators.grant;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * The realm's direct-grant flow: a password sent to the token endpoint opens nothing, on
 * any client (Keycloak's own {@code admin-cli} included). That door would skip the trusted
 * networks, the device-aware lockout, the spraying limit and every second factor, so it is
 * closed rather than half-guarded. The answer is the same whatever the identifier and the
 * password — neither is looked at, no counter moves — and it is the OAuth error a client
 * gets when a grant is not allowed to it.
 */
final class PasswordGrantRefusal implements SimpleStep {

    static final String EVENT_ERROR = "casvp_password_grant_closed";
    static final String DESCRIPTION = "Password sign-in through the token endpoint is closed in this realm: "
            + "sign in through the browser";

    /** Refuses before any identifier is looked up. */
    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.getEvent().error(EVENT_ERROR);
        Response refusal = Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation(OAuthErrorException.UNAUTHORIZED_CLIENT, DESCRIPTION))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
        context.failure(AuthenticationFlowError.ACCESS_DENIED, refusal);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
