package fr.paris.casvp.keycloak.authenticators.action;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitiveActionsTest {

    @Test
    void byDefaultTheRecoveryAddressAndEveryFactorChangeAreSensitive() {
        SensitiveActions defaults = SensitiveActions.of(null);
        for (String id : new String[] {"casvp-recovery-address", "CONFIGURE_TOTP", "webauthn-register",
                "webauthn-register-passwordless", "CONFIGURE_RECOVERY_AUTHN_CODES", "delete_credential"}) {
            assertTrue(defaults.contains(id), id);
        }
        assertFalse(defaults.contains("update_user_locale"), "choosing a language is not");
        assertFalse(defaults.contains(null), "a sign-in no application asked an action of");
    }

    @Test
    void anAdminsListReplacesTheDefaultWhateverTheSeparators() {
        SensitiveActions list = SensitiveActions.of(" UPDATE_PASSWORD,casvp-recovery-address \n delete_credential ");
        assertTrue(list.contains("UPDATE_PASSWORD"));
        assertTrue(list.contains("casvp-recovery-address"));
        assertTrue(list.contains("delete_credential"));
        assertFalse(list.contains("CONFIGURE_TOTP"));
    }
}
