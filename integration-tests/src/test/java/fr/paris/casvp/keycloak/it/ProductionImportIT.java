package fr.paris.casvp.keycloak.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm file as ops import it, into a server started as they start it, with what they
 * may forget: no webmail secret, no webmail or helpdesk address, no security contact. The
 * import must fail and say which variables are missing, rather than give the webmail client
 * the placeholder's text as its secret. Starts its own Keycloak.
 */
class ProductionImportIT {

    @Test
    void withoutItsSecretAndAddressesTheRealmIsNotImportedAndTheLogSaysWhy() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> forgotten = Map.of(
                "CASVP_WEBMAIL_SECRET", "",
                "CASVP_WEBMAIL_URL", "",
                "CASVP_HELPDESK_TOOL_URL", "",
                "CASVP_SECURITY_CONTACT", "");
        DistributionKeycloak.Options options = DistributionKeycloak.Options.forTests(mail, forgotten);
        Path log = options.outputDir().resolve("keycloak-" + options.httpPort() + ".log");
        IllegalStateException refused = null;
        try (DistributionKeycloak server = DistributionKeycloak.start(options)) {
            // a server that started anyway must at least not hold the realm
            assertNull(server.admin().realms().findAll().stream()
                    .filter(realm -> "casvp".equals(realm.getRealm())).findAny().orElse(null), "no casvp realm");
        } catch (IllegalStateException e) {
            refused = e;
        } finally {
            mail.stop();
        }
        String text = Files.readString(log);
        assertTrue(text.contains("Realm casvp not imported: environment variables CASVP_HELPDESK_TOOL_URL, "
                + "CASVP_SECURITY_CONTACT, CASVP_WEBMAIL_SECRET, CASVP_WEBMAIL_URL are not set"), text);
        assertTrue(text.contains("CASVP_WEBMAIL_SECRET for client webmail.secret"), text);
        assertFalse(text.contains("Realm 'casvp' imported"), "nothing imported");
        assertTrue(refused != null, "Keycloak does not start with a realm it could not import");
    }
}
