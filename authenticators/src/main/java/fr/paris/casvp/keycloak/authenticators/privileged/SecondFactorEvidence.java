package fr.paris.casvp.keycloak.authenticators.privileged;

import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.util.Objects;
import java.util.Set;

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
        return AuthenticatorUtils.parseCompletedExecutions(completed).keySet().stream()
                .map(realm::getAuthenticationExecutionById)
                .filter(Objects::nonNull)
                .map(AuthenticationExecutionModel::getAuthenticator)
                .anyMatch(HELD_FACTORS::contains);
    }
}
