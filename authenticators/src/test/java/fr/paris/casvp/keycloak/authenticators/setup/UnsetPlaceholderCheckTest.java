package fr.paris.casvp.keycloak.authenticators.setup;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnsetPlaceholderCheckTest {

    @Test
    void namesEachUnsetVariableWithWhereItIsUsed() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client webmail.secret", "${CASVP_WEBMAIL_SECRET}");
        values.put("client webmail.rootUrl", "https://unset.invalid/CASVP_WEBMAIL_URL");
        values.put("client webmail.redirectUris", "https://unset.invalid/CASVP_WEBMAIL_URL/owa/* https://webmail.casvp.paris.fr/owa/*");
        values.put("smtpServer.host", "smtp.example.org");

        Map<String, List<String>> unset = UnsetPlaceholderCheck.unset(values);

        assertEquals(List.of("CASVP_WEBMAIL_SECRET", "CASVP_WEBMAIL_URL"), List.copyOf(unset.keySet()));
        assertEquals(List.of("client webmail.rootUrl", "client webmail.redirectUris"), unset.get("CASVP_WEBMAIL_URL"));
        String message = UnsetPlaceholderCheck.message("casvp", unset);
        assertTrue(message.startsWith("Realm casvp not imported: environment variables CASVP_WEBMAIL_SECRET, "
                + "CASVP_WEBMAIL_URL are not set (CASVP_WEBMAIL_SECRET for client webmail.secret; "), message);
    }

    @Test
    void keycloaksOwnMessageKeysAndResolvedValuesAreNoPlaceholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client account.name", "${client_account}");
        values.put("user profile", "{\"displayName\": \"${username}\"}");
        values.put("client webmail.secret", "a-long-random-secret");
        values.put("smtpServer.replyTo", null);

        assertTrue(UnsetPlaceholderCheck.unset(values).isEmpty());
    }
}
