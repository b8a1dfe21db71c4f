package fr.paris.casvp.keycloak.authenticators.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.userprofile.ValidationException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the admin console accepts or refuses when the realm's trusted networks are saved. */
class TrustedNetworksSettingTest {

    private final TrustedNetworksSettingFactory factory = new TrustedNetworksSettingFactory();

    @ParameterizedTest(name = "accepted: {0}")
    @ValueSource(strings = {
            "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16",
            "10.20.0.0/16\n2001:db8:cafe::/48\n198.51.100.7",
            "127.0.0.0/8, ::1/128",
            "2001:db8::/32 ; fd00::/8",
    })
    void savesIpv4AndIpv6RangesOnePerLineOrSeparatedByCommas(String list) {
        assertDoesNotThrow(() -> save(list));
    }

    @ParameterizedTest(name = "empty setting \"{0}\" is accepted: nobody is trusted")
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\n"})
    void anEmptyListIsAcceptedAndTrustsNobody(String list) {
        assertDoesNotThrow(() -> save(list));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/33              | at most 32
            2001:db8::/129           | at most 128
            2001:db8:cafe:1::/32     | did you mean 2001:db8:0:0:0:0:0:0/32?
            10.20.1.0/16             | did you mean 10.20.0.0/16?
            10.0.0.0/                | must be a number
            300.1.1.1/8              | not an IPv4 or IPv6 address
            2001:db8::g/64           | not an IPv4 or IPv6 address
            """)
    void aBadRangeIsRefusedWithTheEntryNamed(String entry, String reason) {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> save("192.0.2.0/24\n" + entry + "\n2001:db8::/32"));
        assertEquals(1, refused.getErrors().size());
        ValidationException.Error error = refused.getErrors().get(0);
        assertEquals(TrustedNetworksSettingFactory.TRUSTED_NETWORKS, error.getAttribute());
        assertTrue(error.getMessage().startsWith("Trusted networks: \"" + entry + "\""), error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    /** "localhost" would resolve to 127.0.0.1 and pass if the name were looked up: it is refused as a name. */
    @ParameterizedTest(name = "host name \"{0}\" is refused without a lookup")
    @ValueSource(strings = {"localhost", "localhost/8", "vpn.casvp.paris.fr", "vpn.casvp.paris.fr/24", "cafe"})
    void aHostNameIsRefusedWithoutBeingLookedUp(String name) {
        ValidationException refused = assertThrows(ValidationException.class, () -> save("10.0.0.0/8, " + name));
        String message = refused.getErrors().get(0).getMessage();
        assertTrue(message.contains("\"" + name + "\""), message);
        assertTrue(message.contains("host names are not allowed"), message);
    }

    @Test
    void theSettingIsOneMultiLineTextField() {
        assertEquals(List.of(TrustedNetworksSettingFactory.TRUSTED_NETWORKS),
                factory.getConfigMetadata().stream().map(p -> p.getName()).toList());
        assertEquals("Text", factory.getConfigMetadata().get(0).getType());
        assertTrue(factory.isConfigurable(), "the admin console shows the gear only for a configurable action");
    }

    private void save(String list) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setAlias(TrustedNetworksSettingFactory.ID);
        model.setProviderId(TrustedNetworksSettingFactory.ID);
        Map<String, String> config = new HashMap<>();
        config.put(TrustedNetworksSettingFactory.TRUSTED_NETWORKS, list);
        model.setConfig(config);
        // The check needs neither the session nor the realm: it is a parse, nothing more.
        factory.validateConfig(null, null, model);
    }
}
