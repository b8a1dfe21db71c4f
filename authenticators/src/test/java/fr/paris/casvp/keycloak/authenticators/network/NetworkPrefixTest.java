package fr.paris.casvp.keycloak.authenticators.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NetworkPrefixTest {

    @ParameterizedTest(name = "{0} is remembered as {1}")
    @CsvSource(textBlock = """
            192.0.2.77,          192.0.2.0/24
            10.1.2.3,            10.1.2.0/24
            255.255.255.255,     255.255.255.0/24
            2001:db8:1:2::5,     2001:db8:1::/48
            [2001:db8:abcd:12::1], 2001:db8:abcd::/48
            fe80::1%eth0,        fe80:0:0::/48
            ::ffff:192.0.2.9,    192.0.2.0/24
            '  127.0.0.1 ',      127.0.0.0/24
            """)
    void remembersOnlyTheNetworkNeverTheFullAddress(String address, String expected) {
        assertEquals(Optional.of(expected), NetworkPrefix.of(address));
    }

    @ParameterizedTest(name = "\"{0}\" is not an address")
    @ValueSource(strings = {"", "localhost", "example.org", "1.2.3", "256.1.1.1", "1.2.3.4.5", "01.2.3.4",
            "2001:db8::g", ":::::", "1.2.3.4/24", "<script>"})
    void refusesAnythingButAnIpLiteralWithoutLookingItUp(String text) {
        assertEquals(Optional.empty(), NetworkPrefix.of(text));
    }
}
