package fr.paris.casvp.keycloak.authenticators.device;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A forget request is taken only from a page of this very server (CSRF): its Origin must be the server's own. */
class AccountDevicesOriginTest {

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource(nullValues = "NONE", value = {
            "https://sso.casvp.paris.fr/,          https://sso.casvp.paris.fr,          true",
            "https://sso.casvp.paris.fr/,          https://SSO.casvp.paris.fr,          true",
            "https://sso.casvp.paris.fr/,          https://sso.casvp.paris.fr:443,      true",
            "http://127.0.0.1:8080/,               http://127.0.0.1:8080,               true",
            "https://sso.casvp.paris.fr/auth/,     https://sso.casvp.paris.fr,          true",
            "https://sso.casvp.paris.fr/,          NONE,                                false",
            "https://sso.casvp.paris.fr/,          null,                                false",
            "https://sso.casvp.paris.fr/,          '',                                  false",
            "https://sso.casvp.paris.fr/,          http://sso.casvp.paris.fr,           false",
            "https://sso.casvp.paris.fr/,          https://sso.casvp.paris.fr:8443,     false",
            "https://sso.casvp.paris.fr/,          https://sso.casvp.paris.fr.evil.test, false",
            "https://sso.casvp.paris.fr/,          https://evil.test,                   false",
            "https://sso.casvp.paris.fr/,          https://sso.casvp.paris.fr/path,     false",
            "https://sso.casvp.paris.fr/,          https://user@sso.casvp.paris.fr,     false",
            "https://sso.casvp.paris.fr/,          not a url at all,                    false",
            "http://127.0.0.1:8080/,               http://127.0.0.1:8081,               false",
    })
    void acceptsOnlyTheServersOwnOrigin(String base, String origin, boolean accepted) {
        assertEquals(accepted, AccountDevicesResource.fromThisServer(origin, URI.create(base)));
    }
}
