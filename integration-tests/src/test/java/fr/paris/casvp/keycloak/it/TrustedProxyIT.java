package fr.paris.casvp.keycloak.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a reverse proxy: with Keycloak told which proxy to believe
 * ({@code proxy-headers=xforwarded}, {@code proxy-trusted-addresses=127.0.0.1}), the
 * address the proxy forwards is the one the VPN gate judges; the same header from any
 * other machine is ignored. Starts its own Keycloak (the gate trusts 127.0.0.1/32 only).
 */
class TrustedProxyIT {

    @Test
    void theGateJudgesTheForwardedAddressOnlyWhenItComesFromTheTrustedProxy() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> environment = Map.of(
                "KC_PROXY_HEADERS", "xforwarded",
                "KC_PROXY_TRUSTED_ADDRESSES", "127.0.0.1",
                "CASVP_TRUSTED_NETWORKS", "127.0.0.1/32");
        try (DistributionKeycloak server = DistributionKeycloak.start(DistributionKeycloak.Options.forTests(mail, environment))) {
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
            TestUsers.Agent agent = TestUsers.create(server, "fr");

            try (WebClient viaProxy = Browsers.htmlUnitFrom("127.0.0.1")) {
                viaProxy.addRequestHeader("X-Forwarded-For", "127.0.0.1");
                assertTrue(LoginPage.open(viaProxy, server, Pkce.create()).signIn(agent.username(), agent.password())
                        .redirectedToApplication(), "the proxy forwards an agency address: in");
            }
            try (WebClient viaProxy = Browsers.htmlUnitFrom("127.0.0.1")) {
                viaProxy.addRequestHeader("X-Forwarded-For", "10.9.9.9"); // outside (a private range: the realm asks https of public addresses)
                LoginPage page = LoginPage.open(viaProxy, server, Pkce.create())
                        .signIn(agent.username(), agent.password()).pageAgain();
                assertNotNull(page, "the proxy forwards an outside address: the VPN page");
                assertEquals(403, page.status());
            }
            try (WebClient direct = Browsers.htmlUnitFrom("127.0.0.9")) {
                direct.addRequestHeader("X-Forwarded-For", "127.0.0.1");
                LoginPage page = LoginPage.open(direct, server, Pkce.create())
                        .signIn(agent.username(), agent.password()).pageAgain();
                assertNotNull(page, "a machine that is not the proxy cannot forge its address");
                assertEquals(403, page.status());
            }
        } finally {
            mail.stop();
        }
    }
}
