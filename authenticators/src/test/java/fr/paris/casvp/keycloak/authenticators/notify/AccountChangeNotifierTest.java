package fr.paris.casvp.keycloak.authenticators.notify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.EventType;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccountChangeNotifierTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(value = {
            "UPDATE_CREDENTIAL|password|password_changed",
            "UPDATE_PASSWORD|password|NONE",            // deprecated twin of UPDATE_CREDENTIAL: no second mail
            "UPDATE_CREDENTIAL|otp|second_factor_added",
            "UPDATE_CREDENTIAL|webauthn|second_factor_added",
            "UPDATE_TOTP|NONE|second_factor_added",
            "REMOVE_TOTP|NONE|second_factor_removed",
            "REMOVE_CREDENTIAL|otp|second_factor_removed",
            "REMOVE_CREDENTIAL|password|NONE",
            "LOGIN|NONE|NONE",
            "LOGIN_ERROR|NONE|NONE"}, delimiter = '|', nullValues = "NONE")
    void mailsOnlyForPasswordAndSecondFactorChanges(EventType type, String credentialType, String kind) {
        assertEquals(Optional.ofNullable(kind), AccountChangeNotifier.kindOf(type, credentialType));
    }
}
