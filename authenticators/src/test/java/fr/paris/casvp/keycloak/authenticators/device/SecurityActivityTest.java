package fr.paris.casvp.keycloak.authenticators.device;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.EventType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the agent's "Activité de sécurité" shows of each stored event: the unusual, never the everyday. */
class SecurityActivityTest {

    @ParameterizedTest(name = "{0} {1}={2}: {3}")
    @CsvSource(nullValues = "NONE", value = {
            "LOGIN,                  casvp_device,    new,                       newDevice",
            "LOGIN,                  casvp_network,   unusual,                   unusualNetwork",
            "LOGIN,                  casvp_device,    known,                     NONE",
            "LOGIN,                  casvp_device,    first,                     NONE",
            "LOGIN,                  NONE,            NONE,                      NONE",
            "UPDATE_CREDENTIAL,      credential_type, password,                  passwordChanged",
            "UPDATE_CREDENTIAL,      credential_type, otp,                       factorAdded",
            "UPDATE_CREDENTIAL,      credential_type, webauthn,                  factorAdded",
            "REMOVE_CREDENTIAL,      credential_type, otp,                       factorRemoved",
            "REMOVE_CREDENTIAL,      credential_type, password,                  passwordRemoved",
            "UPDATE_PASSWORD,        NONE,            NONE,                      NONE",
            "UPDATE_TOTP,            NONE,            NONE,                      NONE",
            "CUSTOM_REQUIRED_ACTION, casvp_event,     device_forgotten_by_agent, deviceForgotten",
            "CUSTOM_REQUIRED_ACTION, casvp_event,     new_device_alert_sent,     NONE",
            "CUSTOM_REQUIRED_ACTION, casvp_event,     recovery_address_verified, recoveryAddressChanged",
            "CUSTOM_REQUIRED_ACTION, casvp_event,     recovery_address_postponed, NONE",
            "LOGIN_ERROR,            casvp_lockout,   blocked,                   browserLocked",
            "LOGIN_ERROR,            casvp_lockout,   counted,                   NONE",
            "LOGIN_ERROR,            casvp_lockout,   source_throttled,          NONE",
            "LOGIN_ERROR,            NONE,            NONE,                      NONE",
    })
    void showsTheUnusualAndLeavesOutTheEveryday(EventType type, String detail, String value, String kind) {
        Map<String, String> details = new HashMap<>();
        if (detail != null) {
            details.put(detail, value);
        }
        assertEquals(Optional.ofNullable(kind), SecurityActivity.kindOf(type, details));
    }

    /** An attacker's hundred refused tries from one network are one line; another network, or an hour later, another. */
    @org.junit.jupiter.api.Test
    void aRunOfRefusedTriesFromOneNetworkIsOneLine() {
        long hour = java.time.Duration.ofHours(1).toMillis();
        java.util.List<SecurityActivity.Entry> newestFirst = new java.util.ArrayList<>();
        long t = 10 * hour;
        newestFirst.add(new SecurityActivity.Entry(t, SecurityActivity.NEW_DEVICE, "203.0.113.0/24"));
        for (int i = 0; i < 100; i++) {
            newestFirst.add(new SecurityActivity.Entry(t - 1_000 - i * 30_000L, SecurityActivity.BROWSER_LOCKED, "198.51.100.0/24"));
        }
        newestFirst.add(new SecurityActivity.Entry(t - 3_100_000, SecurityActivity.BROWSER_LOCKED, "192.0.2.0/24"));
        newestFirst.add(new SecurityActivity.Entry(t - 3 * hour, SecurityActivity.BROWSER_LOCKED, "192.0.2.0/24"));

        java.util.List<SecurityActivity.Entry> shown = SecurityActivity.withoutRepeatedRefusals(newestFirst);

        assertEquals(java.util.List.of(
                new SecurityActivity.Entry(t, SecurityActivity.NEW_DEVICE, "203.0.113.0/24"),
                new SecurityActivity.Entry(t - 1_000 - 99 * 30_000L, SecurityActivity.BROWSER_LOCKED, "198.51.100.0/24"),
                new SecurityActivity.Entry(t - 3_100_000, SecurityActivity.BROWSER_LOCKED, "192.0.2.0/24"),
                new SecurityActivity.Entry(t - 3 * hour, SecurityActivity.BROWSER_LOCKED, "192.0.2.0/24")), shown);
    }

    @org.junit.jupiter.api.Test
    void aNewDeviceOnAnUnusualNetworkIsShownOnceAsANewDevice() {
        assertEquals(Optional.of(SecurityActivity.NEW_DEVICE), SecurityActivity.kindOf(EventType.LOGIN,
                Map.of("casvp_device", "new", "casvp_network", "unusual")));
    }
}
