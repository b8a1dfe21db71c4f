package fr.paris.casvp.keycloak.authenticators.action;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application-initiated actions ({@code kc_action}) that change how the account is
 * recovered or protected: whoever holds an agent's session (a shared computer left open)
 * must not be able to point recovery at their own address or add their own app.
 */
record SensitiveActions(Set<String> ids) {

    /** The recovery address, and adding or removing an app, a security key or recovery codes. */
    static final String DEFAULT = "casvp-recovery-address, CONFIGURE_TOTP, webauthn-register, "
            + "webauthn-register-passwordless, CONFIGURE_RECOVERY_AUTHN_CODES, delete_credential";

    /** Parses a list separated by commas or spaces; blank means the default list. */
    static SensitiveActions of(String raw) {
        String list = raw == null || raw.isBlank() ? DEFAULT : raw;
        return new SensitiveActions(Arrays.stream(list.split("[,\\s]+")).map(String::trim)
                .filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    boolean contains(String actionId) {
        return actionId != null && ids.contains(actionId);
    }
}
