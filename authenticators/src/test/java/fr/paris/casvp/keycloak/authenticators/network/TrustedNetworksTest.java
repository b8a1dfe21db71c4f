package fr.paris.casvp.keycloak.authenticators.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedNetworksTest {

    private static final TrustedNetworks AGENCY = TrustedNetworks.parse(
            "10.20.0.0/16, 192.0.2.128/25\n2001:db8:cafe::/48 ; 198.51.100.7");

    @ParameterizedTest(name = "{0} trusted: {1}")
    @CsvSource(textBlock = """
            10.20.0.1,            true
            10.20.255.254,        true
            10.21.0.1,            false
            192.0.2.128,          true
            192.0.2.127,          false
            198.51.100.7,         true
            198.51.100.8,         false
            2001:db8:cafe:1::42,  true
            2001:db8:caff::1,     false
            [2001:db8:cafe::1],   true
            ::ffff:10.20.3.4,     true
            localhost,            false
            '',                   false
            10.20.0.1.evil.org,   false
            """)
    void matchesAddressesInsideTheRangesOnly(String address, boolean trusted) {
        assertEquals(trusted, AGENCY.contains(address));
    }

    @Test
    void rangesAreShownInCanonicalForm() {
        assertEquals(List.of("10.20.0.0/16", "192.0.2.128/25", "2001:db8:cafe:0:0:0:0:0/48", "198.51.100.7/32"),
                AGENCY.ranges());
    }

    @Test
    void emptySettingTrustsNobody() {
        assertTrue(TrustedNetworks.parse("  ").isEmpty());
        assertFalse(TrustedNetworks.parse(null).contains("127.0.0.1"));
    }

    @Test
    void atSignInABadEntryIsSkippedAndTheOthersStillApply() {
        List<String> skipped = new ArrayList<>();
        TrustedNetworks lenient = TrustedNetworks.parseSkippingInvalid("10.0.0.0/8, vpn.example, 192.0.2.1",
                invalid -> skipped.add(invalid.entry()));
        assertEquals(List.of("vpn.example"), skipped);
        assertTrue(lenient.contains("10.9.8.7"));
        assertTrue(lenient.contains("192.0.2.1"));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            vpn.casvp.paris.fr       | host names are not allowed
            10.0.0.0/33              | at most 32
            2001:db8::/129           | at most 128
            10.0.0.0/x               | must be a number
            10.20.1.0/16             | did you mean 10.20.0.0/16?
            300.1.1.1/8              | not an IPv4 or IPv6 address
            """)
    void adminMistakesAreRefusedWithTheEntryAndTheReason(String entry, String reason) {
        TrustedNetworks.InvalidRange refused = assertThrows(TrustedNetworks.InvalidRange.class,
                () -> TrustedNetworks.parse("10.1.0.0/16, " + entry));
        assertEquals(entry, refused.entry());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }
}
