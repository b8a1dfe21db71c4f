package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * casvp-email-otp in the casvp flow: on a new device, an agent without an app but with a
 * recovery address gets a code there (never at the webmail address).
 */
@CasvpIntegrationTest
class EmailCodeIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("id=\"casvp-code\">(\\d{6,})<");

    private RealmResource realm;
    private AuthenticatorConfigRepresentation settings;
    private Map<String, String> original;

    @BeforeEach
    void remember(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        settings = RealmSettings.stepSettings(realm, "casvp-email-otp").get(0);
        original = new LinkedHashMap<>(settings.getConfig());
    }

    @AfterEach
    void restore() {
        settings.setConfig(original);
        realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
    }

    @Test
    void theCodeGoesToTheRecoveryAddressSaysWhoAskedAndWorksOnce(KeycloakServer server) throws Exception {
        Agent agent = agentWithRecoveryAddress(server);
        String firstCode;
        try (WebClient known = Browsers.htmlUnit("fr"); WebClient newDevice = Browsers.htmlUnit("fr")) {
            SignIns.signIn(known, server, agent.account());
            HtmlPage codePage = codePage(newDevice, server, agent);
            assertTrue(codePage.getElementById("casvp-email-code-sent").getTextContent().contains("*****"),
                    "the address is masked");
            MimeMessage mail = lastMailTo(server, agent.recovery(), 1);
            assertEquals("CASVP : votre code de connexion", mail.getSubject());
            assertTrue(Mailbox.textPart(mail).contains("127.0.0.0/24"), "which network asked");
            assertEquals(0, server.mail().getReceivedMessagesForDomain(agent.account().email()).length
                    - newDeviceAlerts(server, agent), "nothing but the device alert at the webmail address");
            firstCode = code(mail);
            assertNotNull(submit(newDevice, server, codePage, firstCode).redirect(), "the right code signs in");
        }
        try (WebClient another = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = codePage(another, server, agent);
            lastMailTo(server, agent.recovery(), 2);
            KeycloakForms.Outcome reused = submit(another, server, codePage, firstCode);
            assertNotNull(reused.page(), "a used code does not work again");
        }
    }

    @Test
    void anExpiredCodeIsRefused(KeycloakServer server) throws Exception {
        configure(Map.of("lifetimeSeconds", "2"));
        Agent agent = agentWithRecoveryAddress(server);
        try (WebClient known = Browsers.htmlUnit("fr"); WebClient newDevice = Browsers.htmlUnit("fr")) {
            SignIns.signIn(known, server, agent.account());
            HtmlPage codePage = codePage(newDevice, server, agent);
            String code = code(lastMailTo(server, agent.recovery(), 1));
            Thread.sleep(2_500); // waits out the configured 2 s lifetime; nothing is asserted about speed
            KeycloakForms.Outcome late = submit(newDevice, server, codePage, code);
            assertNotNull(late.page());
            assertTrue(late.page().asNormalizedText().contains("Ce code a expiré"), late.page().asNormalizedText());
        }
    }

    @Test
    void theSixthTryFailsEvenWithRealmBruteForceOff(KeycloakServer server) throws Exception {
        RealmRepresentation representation = realm.toRepresentation();
        representation.setBruteForceProtected(false);
        realm.update(representation);
        try {
            Agent agent = agentWithRecoveryAddress(server);
            try (WebClient known = Browsers.htmlUnit("fr"); WebClient newDevice = Browsers.htmlUnit("fr")) {
                SignIns.signIn(known, server, agent.account());
                HtmlPage page = codePage(newDevice, server, agent);
                String code = code(lastMailTo(server, agent.recovery(), 1));
                String wrong = code.equals("000000") ? "111111" : "000000";
                for (int i = 1; i <= 5; i++) {
                    KeycloakForms.Outcome outcome = submit(newDevice, server, page, wrong);
                    assertNotNull(outcome.page(), "wrong try " + i);
                    page = outcome.page();
                }
                assertTrue(page.asNormalizedText().contains("Trop d’essais"), page.asNormalizedText());
                KeycloakForms.Outcome sixth = submit(newDevice, server, page, code);
                assertNotNull(sixth.page(), "even the right code: that code is dead");
            }
        } finally {
            representation.setBruteForceProtected(true);
            realm.update(representation);
        }
    }

    /**
     * Someone with the password but not the mailbox cannot renew their tries: after a code died
     * of five wrong tries, "new code" still waits, and the wrong codes count against the
     * stranger's browsers like wrong passwords (a new one is refused for now, even with the
     * right password), never against the agent's own browser.
     */
    @Test
    void wrongCodesCountAgainstTheStrangerAndADeadCodeIsNotRenewedAtOnce(KeycloakServer server) throws Exception {
        Agent agent = agentWithRecoveryAddress(server);
        try (WebClient known = Browsers.htmlUnit("fr"); WebClient stranger = Browsers.htmlUnit("fr")) {
            SignIns.signIn(known, server, agent.account());
            HtmlPage page = codePage(stranger, server, agent);
            String code = code(lastMailTo(server, agent.recovery(), 1));
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 1; i <= 5; i++) {
                page = submit(stranger, server, page, wrong).page();
            }
            assertTrue(page.asNormalizedText().contains("Trop d’essais"), page.asNormalizedText());
            HtmlPage resent = KeycloakForms.submit(stranger, server,
                    (HtmlElement) page.getElementById("casvp-email-code-resend")).page();
            assertTrue(resent.asNormalizedText().contains("attendez une demi-minute"),
                    "the dead code's resend wait still runs: " + resent.asNormalizedText());

            try (WebClient another = Browsers.htmlUnit("fr")) {
                LoginPage again = LoginPage.open(another, server, Pkce.create())
                        .signIn(agent.account().username(), agent.account().password()).pageAgain();
                assertNotNull(again, "five wrong codes delay the stranger's browsers");
                assertTrue(again.isSignInForm(), "the generic refusal: " + again.html().asNormalizedText());
            }
            SignIns.signIn(known, server, agent.account());
        }
    }

    /**
     * Fresh sign-ins mail new codes only up to the hour's five; the sixth page says so plainly
     * and nothing is sent, so asking again never yields fresh tries.
     */
    @Test
    void noMoreThanFiveCodesAnHourReachTheAgent(KeycloakServer server) throws Exception {
        Agent agent = agentWithRecoveryAddress(server);
        try (WebClient known = Browsers.htmlUnit("fr"); WebClient stranger = Browsers.htmlUnit("fr")) {
            SignIns.signIn(known, server, agent.account());
            for (int signIn = 1; signIn <= 5; signIn++) {
                SignIns.closeAndReopen(stranger);
                codePage(stranger, server, agent);
                lastMailTo(server, agent.recovery(), signIn);
            }
            SignIns.closeAndReopen(stranger);
            HtmlPage sixth = codePage(stranger, server, agent);
            assertTrue(sixth.asNormalizedText().contains("aucun nouveau code n’est envoyé"), sixth.asNormalizedText());
            String lastCode = code(lastMailTo(server, agent.recovery(), 5));
            assertNotNull(submit(stranger, server, sixth, lastCode).page(), "no code waits in that sign-in: nothing opens");
        }
        assertEquals(1, Events.of(server, agent.account().id(), "LOGIN_ERROR").stream()
                .filter(e -> e.getDetails() != null && "email_codes_hourly_limit".equals(e.getDetails().get("casvp_event")))
                .count(), "the refused code is an event");
    }

    private record Agent(TestUsers.Agent account, String recovery) {
    }

    private Agent agentWithRecoveryAddress(KeycloakServer server) {
        TestUsers.Agent account = TestUsers.create(server, "fr");
        String recovery = account.username() + "@perso.example";
        UserRepresentation user = realm.users().get(account.id()).toRepresentation();
        Map<String, List<String>> attributes = new LinkedHashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.put("recoveryEmail", List.of(recovery));
        attributes.put("recoveryEmailVerified", List.of(recovery));
        user.setAttributes(attributes);
        realm.users().get(account.id()).update(user);
        assertEquals(recovery, realm.users().get(account.id()).toRepresentation().firstAttribute("recoveryEmail"),
                "the realm's user profile declares the recovery address");
        return new Agent(account, recovery);
    }

    private static HtmlPage codePage(WebClient browser, KeycloakServer server, Agent agent) throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                .signIn(agent.account().username(), agent.account().password());
        assertNotNull(result.pageAgain(), "a new device: a code is asked");
        HtmlPage page = result.pageAgain().html();
        assertNotNull(page.getElementById("casvp-email-code-form"), page.asNormalizedText());
        return page;
    }

    private static KeycloakForms.Outcome submit(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        HtmlForm form = page.getHtmlElementById("casvp-email-code-form");
        form.getInputByName("code").setValue(code);
        return KeycloakForms.submit(browser, server, (HtmlElement) page.getElementById("casvp-email-code-submit"));
    }

    /** The {@code count}-th code mail to this address (its new-device alerts are not counted). */
    private static MimeMessage lastMailTo(KeycloakServer server, String address, int count) throws Exception {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        List<MimeMessage> codes;
        do {
            codes = new java.util.ArrayList<>();
            for (MimeMessage mail : server.mail().getReceivedMessagesForDomain(address)) {
                if ("CASVP : votre code de connexion".equals(mail.getSubject())) {
                    codes.add(mail);
                }
            }
        } while (codes.size() < count && System.nanoTime() < deadline
                && server.mail().waitForIncomingEmail(250, server.mail().getReceivedMessages().length + 1) | true);
        assertEquals(count, codes.size(), "code mails to " + address);
        return codes.get(codes.size() - 1);
    }

    private static String code(MimeMessage mail) {
        Matcher matcher = CODE.matcher(Mailbox.htmlPart(mail));
        assertTrue(matcher.find(), "a code in the mail");
        return matcher.group(1);
    }

    private static int newDeviceAlerts(KeycloakServer server, Agent agent) {
        return (int) java.util.Arrays.stream(server.mail().getReceivedMessagesForDomain(agent.account().email()))
                .filter(m -> {
                    try {
                        return m.getSubject().contains("nouvelle connexion");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).count();
    }

    private void configure(Map<String, String> values) {
        Map<String, String> config = new LinkedHashMap<>(original);
        config.putAll(values);
        settings.setConfig(config);
        realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
    }
}
