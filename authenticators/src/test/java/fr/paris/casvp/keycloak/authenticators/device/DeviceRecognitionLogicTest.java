package fr.paris.casvp.keycloak.authenticators.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceRecognitionLogicTest {

    @Test
    void newDeviceIdsAreWellFormedAndNeverRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = DeviceCookie.newId();
            assertEquals(43, id.length(), "256 bits in base64url");
            assertTrue(DeviceCookie.wellFormed(id).isPresent(), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "short", "<script>alert(1)</script>aaaaaaaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\nAAAA"}, nullValues = "NULL")
    void garbledCookiesAreIgnored(String value) {
        assertEquals(Optional.empty(), DeviceCookie.wellFormed(value));
    }

    @Test
    void theStoreKeepsAHashNotTheId() {
        String id = DeviceCookie.newId();
        String hash = DeviceCookie.hash(id);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(id));
        assertEquals(hash, DeviceCookie.hash(id));
        assertNotEquals(hash, DeviceCookie.hash(DeviceCookie.newId()));
    }

    @Test
    void userAgentTextIsMadeSingleLineAndBounded() {
        assertEquals("Firefox 121<b>Bcc: x@evil.test", DeviceDescription.clean("Firefox 121<b>\r\nBcc: x@evil.test"));
        assertEquals("?", DeviceDescription.clean(null));
        assertEquals("?", DeviceDescription.clean(" \t\n"));
        assertEquals("?", DeviceDescription.clean("Unknown"));
        assertEquals("Edge", DeviceDescription.clean("\u202EEdge\u200B"));
        assertEquals(DeviceDescription.MAX_LENGTH, DeviceDescription.clean("x".repeat(10_000)).length());
    }

    @ParameterizedTest(name = "known={0} first={1} unusual={2} -> alert={3}")
    @CsvSource({
            "false, true,  false, false",   // the very first device: no alert
            "true,  false, false, false",   // known device, usual network
            "false, false, false, true",    // a second browser
            "true,  false, true,  true",    // known browser on an unusual network
            "false, false, true,  true"})
    void alertsFollowTheVerdict(boolean known, boolean first, boolean unusual, boolean alert) {
        DeviceVerdict verdict = new DeviceVerdict("u", known, first, unusual);
        assertEquals(alert, verdict.deservesAlert(true, true));
        assertEquals(verdict, DeviceVerdict.fromNote(verdict.toNote(), "u").orElseThrow());
    }

    @Test
    void alertKindsCanBeSwitchedOffSeparately() {
        DeviceVerdict newBrowser = new DeviceVerdict("u", false, false, false);
        DeviceVerdict newNetwork = new DeviceVerdict("u", true, false, true);
        assertFalse(newBrowser.deservesAlert(false, true));
        assertTrue(newNetwork.deservesAlert(false, true));
        assertFalse(newNetwork.deservesAlert(true, false));
        assertEquals("newDevice", newBrowser.reason());
        assertEquals("unusualNetwork", newNetwork.reason());
        assertEquals("newDeviceAndNetwork", new DeviceVerdict("u", false, false, true).reason());
    }

    @Test
    void aVerdictNoteOfAnotherUserIsNotReused() {
        String note = new DeviceVerdict("alice", true, false, false).toNote();
        assertEquals(Optional.empty(), DeviceVerdict.fromNote(note, "bob"));
        assertEquals(Optional.empty(), DeviceVerdict.fromNote("garbage", "alice"));
    }

    /**
     * A browser's row says which network the agent last signed in from there, so a sign-in
     * from the same network writes no network row; one from another network (or from an
     * address with no known network) keeps the network the browser leaves.
     */
    @Test
    void onlyTheNetworkABrowserLeavesIsKeptApart() {
        KnownDeviceEntity row = new KnownDeviceEntity();
        row.setNetworkPrefix("10.1.2.0/24");

        assertEquals(Optional.empty(), KnownDevices.networkLeft(row, "10.1.2.0/24"), "same network");
        assertEquals(Optional.of("10.1.2.0/24"), KnownDevices.networkLeft(row, "10.9.9.0/24"), "moved");
        assertEquals(Optional.of("10.1.2.0/24"), KnownDevices.networkLeft(row, null), "no network now");

        row.setNetworkPrefix(null);
        assertEquals(Optional.empty(), KnownDevices.networkLeft(row, "10.9.9.0/24"), "no network before");
    }
}
