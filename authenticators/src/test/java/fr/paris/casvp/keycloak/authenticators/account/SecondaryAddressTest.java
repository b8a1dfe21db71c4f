package fr.paris.casvp.keycloak.authenticators.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecondaryAddressTest {

    @ParameterizedTest
    @CsvSource(value = {
            "camille@example.org|camille@example.org",
            "'  camille@example.org  '|camille@example.org",
            "camille@example.org, intrus@evil.test|NONE",
            "Camille <camille@example.org>|NONE",
            "no-at-sign|NONE",
            "''|NONE"}, delimiter = '|', nullValues = "NONE")
    void onlyASinglePlainAddressCounts(String attribute, String expected) {
        assertEquals(Optional.ofNullable(expected), SecondaryAddress.parse(attribute));
    }

    @org.junit.jupiter.api.Test
    void anAttributeWithALineBreakCannotAddAHeader() {
        assertEquals(Optional.empty(), SecondaryAddress.parse("camille@example.org\r\nBcc: intrus@evil.test"));
    }

    @ParameterizedTest
    @CsvSource({"camille.martin@perso.example, c*****n@perso.example", "ab@x.fr, a*****b@x.fr", "a@x.fr, *@x.fr"})
    void thePageShowsTheAddressMasked(String address, String masked) {
        assertEquals(masked, SecondaryAddress.mask(address));
    }
}
