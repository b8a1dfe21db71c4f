package fr.paris.casvp.keycloak.it.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The main job: the stock Keycloak with the bundle on http://localhost:8080, the
 * casvp realm and its demo accounts imported, and a mail catcher whose mails a
 * person can read. Run with {@code mvn -Pdemo verify}; Ctrl-C stops everything.
 */
public final class CasvpDemo {

    static final int KEYCLOAK_PORT = Integer.getInteger("casvp.demo.port", 8080);
    static final int MANAGEMENT_PORT = Integer.getInteger("casvp.demo.managementPort", 9000);
    static final int SMTP_PORT = Integer.getInteger("casvp.demo.smtpPort", 3025);
    static final int MAIL_PAGE_PORT = Integer.getInteger("casvp.demo.mailPort", 8025);
    static final String WEBMAIL_SECRET = "casvp-demo-webmail-secret";

    private CasvpDemo() {
    }

    public static void main(String[] args) throws Exception {
        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        for (int port : new int[] {KEYCLOAK_PORT, MANAGEMENT_PORT, SMTP_PORT, MAIL_PAGE_PORT}) {
            requireFree(loopback, port);
        }
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, loopback, ServerSetup.PROTOCOL_SMTP));
        mail.start();
        MailCatcherPage mailPage = new MailCatcherPage(mail, loopback, MAIL_PAGE_PORT);
        String adminPassword = DistributionKeycloak.randomSecret().substring(0, 16);

        System.out.println("Starting Keycloak " + ItSettings.keycloakVersion()
                + " with the CASVP bundle (first start builds the server: about a minute)...");
        DistributionKeycloak keycloak = DistributionKeycloak.start(new DistributionKeycloak.Options(
                ItSettings.keycloakHome(), ItSettings.bundleJar(), ItSettings.realmImportDir(),
                ItSettings.outputDir(),
                KEYCLOAK_PORT, MANAGEMENT_PORT, mail, adminPassword, WEBMAIL_SECRET,
                "http://localhost:8081", true, Map.of()));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and the mail catcher...");
            keycloak.close();
            mailPage.close();
            mail.stop();
        }, "casvp-demo-shutdown"));

        String base = "http://localhost:" + KEYCLOAK_PORT;
        System.out.println(String.join(System.lineSeparator(),
                "",
                "================================================================================",
                " CASVP sign-in demo is running (Keycloak pid " + keycloak.pid() + ", started in "
                        + keycloak.startupMillis() / 1000 + " s)",
                "",
                " Agent sign-in (account console): " + base + "/realms/casvp/account",
                " Realm admin console:             " + base + "/admin/casvp/console",
                " Server admin console (master):   " + base + "/admin/master/console",
                " OIDC discovery (for the webmail): " + base + "/realms/casvp/.well-known/openid-configuration",
                " Mails sent by Keycloak:          http://localhost:" + MAIL_PAGE_PORT + "/",
                " Metrics (casvp_ series):         " + keycloak.managementUrl() + "/metrics",
                "",
                " Demo accounts (realm casvp):",
                "   camille.martin / Lanterne verte sur le quai 7   agent, French",
                "   karim.benali   / Velo rouge dans la cour 12     agent, English",
                "   nadia.haddad   / Cartable bleu sous le banc 5   agent with a verified recovery address (try \"forgot password\")",
                "   helpdesk.demo  / Standard du lundi matin 9      helpdesk operator (admin REST casvp-helpdesk, see docs/configuration.md)",
                "   admin.casvp    / Registre ancien du bureau 42   realm admin (sets up a one-time-code app first)",
                " Server admin (realm master): admin / " + adminPassword,
                " Client webmail: secret " + WEBMAIL_SECRET + ", redirect http://localhost:8081/owa/*",
                "",
                " Data lives in memory: each start begins from the realm export.",
                " Server log: " + ItSettings.outputDir().resolve("keycloak-" + KEYCLOAK_PORT + ".log"),
                " Press Ctrl-C to stop.",
                "================================================================================"));
        int exit = keycloak.waitFor();
        System.out.println("Keycloak stopped (exit " + exit + ").");
    }

    private static void requireFree(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw new IOException("Port " + port + " on " + host + " is already in use: stop what uses it "
                    + "(another Keycloak or demo?) and run again.", inUse);
        }
    }
}
