package fr.paris.casvp.keycloak.authenticators.privileged;

import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a sign-in session went through a second factor the account holder carries (an
 * authenticator app, a security key, one of their recovery codes), read from what Keycloak
 * records in the session: the steps completed in it ({@code authenticators-completed}). A
 * code mailed to the recovery address does not count here: it is the weaker factor, meant
 * for agents, not for accounts that act on others.
 */
public final class SecondFactorEvidence {

    static final Set<String> HELD_FACTORS = Set.of("auth-otp-form", "webauthn-authenticator",
            "webauthn-authenticator-passwordless", "auth-recovery-authn-code-form");

    private SecondFactorEvidence() {
    }

    public static boolean inSession(RealmModel realm, UserSessionModel userSession) {
        if (userSession == null) {
            return false;
        }
        String completed = userSession.getNote(Constants.AUTHENTICATORS_COMPLETED);
        if (completed == null) {
            return false;
        }
        return anyHeldFactor(realm, AuthenticatorUtils.parseCompletedExecutions(completed).keySet().stream());
    }

    /**
     * Whether the sign-in under way has already gone through such a factor: a step of the
     * flow that succeeded, or one Keycloak recorded as completed (it keeps that list once the
     * flow is over, for the required actions that follow).
     */
    public static boolean inAuthentication(RealmModel realm, AuthenticationSessionModel authSession) {
        String completed = authSession.getAuthNote(Constants.AUTHENTICATORS_COMPLETED);
        Stream<String> recorded = completed == null ? Stream.empty()
                : AuthenticatorUtils.parseCompletedExecutions(completed).keySet().stream();
        return anyHeldFactor(realm, Stream.concat(recorded, authSession.getExecutionStatus().entrySet().stream()
                .filter(status -> status.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS)
                .map(Map.Entry::getKey)));
    }

    private static boolean anyHeldFactor(RealmModel realm, Stream<String> executionIds) {
        return executionIds.map(realm::getAuthenticationExecutionById)
                .filter(Objects::nonNull)
                .map(AuthenticationExecutionModel::getAuthenticator)
                .filter(Objects::nonNull) // a sub-flow has none
                .anyMatch(HELD_FACTORS::contains);
    }
}
