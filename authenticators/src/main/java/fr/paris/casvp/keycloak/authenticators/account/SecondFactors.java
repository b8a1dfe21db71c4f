package fr.paris.casvp.keycloak.authenticators.account;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The agent's stored second factors, by Keycloak credential type: looked at, and removed when lost. */
public final class SecondFactors {

    /** An authenticator app. */
    public static final Set<String> APP = Set.of(OTPCredentialModel.TYPE);
    /** An app or a security key: what the agent signs in with. */
    public static final Set<String> APP_OR_KEY = Set.of(OTPCredentialModel.TYPE,
            WebAuthnCredentialModel.TYPE_TWOFACTOR, WebAuthnCredentialModel.TYPE_PASSWORDLESS);
    /** Everything, the printed recovery codes included. */
    public static final Set<String> ALL = Set.of(OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            WebAuthnCredentialModel.TYPE_PASSWORDLESS, RecoveryAuthnCodesCredentialModel.TYPE);

    private SecondFactors() {
    }

    public static boolean hasAny(UserModel user, Set<String> types) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(credential -> types.contains(credential.getType()));
    }

    /** Removes the agent's credentials of these types; returns how many there were. */
    public static int remove(UserModel user, Set<String> types) {
        return remove(user, credential -> types.contains(credential.getType()));
    }

    /** Removes the agent's stored credentials that match; returns how many there were. */
    public static int remove(UserModel user, Predicate<CredentialModel> which) {
        List<String> ids = user.credentialManager().getStoredCredentialsStream()
                .filter(which).map(CredentialModel::getId).toList();
        ids.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        return ids.size();
    }
}
