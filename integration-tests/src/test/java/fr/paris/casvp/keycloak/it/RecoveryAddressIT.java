package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.NotMe;
import fr.paris.casvp.keycloak.it.support.Totp;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.RecoveryAddressPrompt;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recovery address prompt at sign-in ({@code casvp-recovery-address}), as the realm
 * export has it: agents without a verified address add one, proven by a code sent there;
 * "later" a few times; a change in the account is told to the old address and verified again.
 */
@CasvpIntegrationTest
class RecoveryAddressIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("id=\"casvp-code\"[^>]*>\\s*([0-9]+)\\s*<");
    private static KeycloakServer server;

    @BeforeAll
    static void promptOn(KeycloakServer keycloak) {
        server = keycloak;
        RealmSettings.recoveryAddressPrompt(server.admin(), true);
    }

    @AfterAll
    static void promptOffAgain() {
        RealmSettings.recoveryAddressPrompt(server.admin(), false);
    }

    @Test
    void theAgentMayPutItOffThreeTimesThenAddsAndConfirmsIt() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            for (int time = 1; time <= 3; time++) {
                HtmlPage prompt = prompt(browser, agent);
                assertNotNull(prompt.getElementById("casvp-recovery-address-later"), "later, time " + time);
                KeycloakForms.Outcome later = KeycloakForms.submit(browser, server,
                        prompt.getHtmlElementById("casvp-recovery-address-later"));
                assertNotNull(later.redirect(), "on to the webmail, not "
                        + (later.page() == null ? "" : later.page().asNormalizedText()));
            }
            HtmlPage prompt = prompt(browser, agent);
            assertNull(prompt.getElementById("casvp-recovery-address-later"), "no fourth time");
            assertNotNull(prompt.getElementById("casvp-recovery-address-mandatory"));

            HtmlPage refused = send(browser, prompt, agent.username() + "@casvp.test");
            assertTrue(refused.asNormalizedText().contains("pas une adresse du CASVP"), refused.asNormalizedText());

            String personal = agent.username() + "@perso.example";
            HtmlPage codePage = send(browser, refused, personal);
            assertTrue(codePage.getElementById("casvp-recovery-address-sent").asNormalizedText().contains(personal));
            String code = code(Mailbox.awaitMessagesTo(server.mail(), personal, 1, MAIL_WAIT));
            HtmlPage wrong = verify(browser, codePage, code.equals("000000") ? "111111" : "000000").page();
            assertTrue(wrong.asNormalizedText().contains("n’est pas le bon"), wrong.asNormalizedText());
            assertNotNull(verify(browser, wrong, code).redirect(), "confirmed: on to the webmail");
            SignIns.signIn(browser, server, agent); // this browser again (a known device): no prompt any more

            UserRepresentation user = server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).toRepresentation();
            assertEquals(personal, user.firstAttribute("recoveryEmail"));
            assertEquals(personal, user.firstAttribute("recoveryEmailVerified"));
            assertTrue(Mailbox.awaitSubject(server.mail(), agent.email(), "CASVP : l’adresse de secours de votre compte a changé",
                    MAIL_WAIT).isPresent(), "the account address is told");
        }
    }

    @Test
    void onANewDeviceAnAgentWithoutASecondFactorCannotPutItOff() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient first = Browsers.htmlUnit("fr")) {
            HtmlPage prompt = prompt(first, agent);
            assertNotNull(prompt.getElementById("casvp-recovery-address-later"), "the first device: later is fine");
            assertNotNull(KeycloakForms.submit(first, server, prompt.getHtmlElementById("casvp-recovery-address-later"))
                    .redirect());
        }
        try (WebClient another = Browsers.htmlUnit("fr")) {
            HtmlPage prompt = prompt(another, agent);
            assertNull(prompt.getElementById("casvp-recovery-address-later"),
                    "a new device let in on the password alone: the mailed code is set up now");
        }
    }

    @Test
    void theFormSendsOneCodeAHalfMinuteWhateverTheAddress() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = send(browser, prompt(browser, agent), "premiere." + agent.username() + "@perso.example");
            KeycloakForms.Outcome change = KeycloakForms.submit(browser, server,
                    codePage.getHtmlElementById("casvp-recovery-address-change"));
            HtmlPage refused = send(browser, change.page(), "autre." + agent.username() + "@perso.example");
            assertTrue(refused.asNormalizedText().contains("attendez une demi-minute"), refused.asNormalizedText());
        }
        assertEquals(0, server.mail().getReceivedMessagesForDomain("autre." + agent.username() + "@perso.example").length,
                "no second mail: the form cannot flood a mailbox");
    }

    @Test
    void forTheMandatoryRoleThereIsNoLater() throws Exception {
        var realm = server.admin().realm(KeycloakServer.REALM);
        String role = "recovery-it-" + System.nanoTime();
        realm.roles().create(new org.keycloak.representations.idm.RoleRepresentation(role, null, false));
        RequiredActionConfigRepresentation saved = realm.flows().getRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION);
        RequiredActionConfigRepresentation mandatory = new RequiredActionConfigRepresentation();
        mandatory.setConfig(new java.util.HashMap<>(saved.getConfig()));
        mandatory.getConfig().put("mandatoryRole", role);
        realm.flows().updateRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION, mandatory);
        try {
            TestUsers.Agent agent = TestUsers.create(server, "fr");
            realm.users().get(agent.id()).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
            try (WebClient browser = Browsers.htmlUnit("fr")) {
                HtmlPage prompt = prompt(browser, agent);
                assertNull(prompt.getElementById("casvp-recovery-address-later"));
            }
        } finally {
            realm.flows().updateRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION, saved);
        }
    }

    @Test
    void aBadSettingIsRefusedWhenSaved() {
        var flows = server.admin().realm(KeycloakServer.REALM).flows();
        RequiredActionConfigRepresentation saved = flows.getRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION);
        for (Map<String, String> bad : List.of(Map.of("maxPostpones", "-1"), Map.of("maxPostpones", "trois"),
                Map.of("mandatoryRole", "no-such-role"))) {
            RequiredActionConfigRepresentation config = new RequiredActionConfigRepresentation();
            config.setConfig(new java.util.HashMap<>(saved.getConfig()));
            config.getConfig().putAll(bad);
            assertThrows(BadRequestException.class,
                    () -> flows.updateRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION, config), bad.toString());
        }
        assertEquals(saved.getConfig(), flows.getRequiredActionConfig(RealmSettings.RECOVERY_ADDRESS_ACTION).getConfig(),
                "the saved settings are unchanged");
    }

    /**
     * A realm whose admins let agents edit the recovery address in the account console (the
     * export does not): the change is told to the old address and confirmed at the next sign-in.
     */
    @Test
    void aChangeInTheAccountIsToldToTheOldAddressAndMustBeConfirmed() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String old = TestUsers.withVerifiedRecoveryAddress(server, agent);
        String replacement = "nouvelle." + agent.username() + "@perso.example";

        HttpResponse<String> updated;
        var profile = server.admin().realm(KeycloakServer.REALM).users().userProfile();
        var config = profile.getConfiguration();
        var permissions = config.getAttribute("recoveryEmail").getPermissions();
        var editors = permissions.getEdit();
        permissions.setEdit(java.util.Set.of("admin", "user"));
        profile.update(config);
        try {
            updated = updateOwnAccount(agent, replacement);
        } finally {
            permissions.setEdit(editors);
            profile.update(config);
        }
        assertEquals(204, updated.statusCode(), updated.body());

        MimeMessage toOld = Mailbox.awaitSubject(server.mail(), old, "CASVP : l’adresse de secours de votre compte a changé",
                MAIL_WAIT).orElseThrow(() -> new AssertionError("the old address is told"));
        String masked = replacement.charAt(0) + "*****" + replacement.charAt(replacement.indexOf('@') - 1) + "@perso.example";
        assertTrue(Mailbox.htmlPart(toOld).contains(masked), "with the new one masked: " + masked);
        UserRepresentation user = server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).toRepresentation();
        assertEquals(old, user.firstAttribute("recoveryEmailVerified"), "the new address is not verified yet");

        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage prompt = prompt(browser, agent);
            assertEquals(replacement, prompt.getHtmlElementById("recoveryEmail").getAttribute("value"),
                    "the next sign-in asks to confirm it");
        }
    }

    /**
     * The intruder's way in: with the password, on a new device, an agent who has no recovery
     * address is made to give one, so the intruder gives their own. "Ce n'était pas moi" takes
     * it back, and forgot password then sends them nothing.
     */
    @Test
    void anAddressGivenFromANewDeviceIsTakenBackByNotMe() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String intruderAddress = "intrus." + agent.username() + "@evil.example";
        RecoveryAddressPrompt.intruderGivesOwnAddress(server, agent, intruderAddress);
        assertEquals(intruderAddress, user(agent).firstAttribute("recoveryEmailVerified"));

        NotMe.confirm(NotMe.linkOfAlertTo(server, agent.email(), MAIL_WAIT));

        UserRepresentation after = user(agent);
        assertNull(after.firstAttribute("recoveryEmailVerified"), "the intruder's address is no longer the recovery address");
        assertNull(after.firstAttribute("recoveryEmail"));
        try (WebClient intruder = Browsers.htmlUnit("fr")) {
            ForgotPassword.ask(intruder, server, agent.username());
        }
        assertTrue(Events.of(server, agent.id(), "SEND_RESET_PASSWORD_ERROR").stream()
                .anyMatch(e -> "no_verified_recovery_address".equals(e.getDetails().get("casvp_event"))),
                "forgot password has no address to send a code to: the helpdesk code is the way back");
        assertEquals(1, server.mail().getReceivedMessagesForDomain(intruderAddress).length,
                "the intruder got the address's code, and nothing since");
    }

    /**
     * An app set up from a new device (here by whoever read the code mailed to the recovery
     * address, when an admin had asked the agent to set one up) is removed by "not me"; the
     * address the agent confirmed on their very first device stays, so they can still recover
     * by themselves.
     */
    @Test
    void anAppSetUpFromANewDeviceGoesWithNotMeAndTheFirstDevicesAddressStays() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String personal = "perso." + agent.username() + "@perso.example";
        try (WebClient own = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = send(own, prompt(own, agent), personal);
            String code = code(Mailbox.awaitMessagesTo(server.mail(), personal, 1, MAIL_WAIT));
            assertNotNull(verify(own, codePage, code).redirect(), "confirmed on the agent's first device");
        }
        var account = server.admin().realm(KeycloakServer.REALM).users().get(agent.id());
        UserRepresentation asked = account.toRepresentation();
        asked.setRequiredActions(List.of("CONFIGURE_TOTP"));
        account.update(asked);
        try (WebClient other = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult result = LoginPage.open(other, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            HtmlPage emailCode = result.pageAgain().html();
            HtmlForm form = emailCode.getHtmlElementById("casvp-email-code-form");
            form.getInputByName("code").setValue(code(List.of(Mailbox.awaitSubject(server.mail(), personal,
                    "CASVP : votre code de connexion", MAIL_WAIT).orElseThrow())));
            KeycloakForms.Outcome in = KeycloakForms.submit(other, server,
                    emailCode.getHtmlElementById("casvp-email-code-submit"));
            assertNotNull(in.page(), "in with the code mailed to the recovery address, then the app to set up");
            Totp.enrol(other, server, in.page());
        }
        assertEquals(1, otpCount(agent), "an app was set up");

        NotMe.confirm(NotMe.linkOfAlertTo(server, agent.email(), MAIL_WAIT));

        assertEquals(0, otpCount(agent), "the app set up from the new device is gone");
        assertEquals(personal, user(agent).firstAttribute("recoveryEmailVerified"),
                "the address confirmed on the first device stays");
    }

    /**
     * The account address and the names come from the directory or an admin: whoever holds an
     * agent's session cannot point the account's mail elsewhere, nor rename it.
     */
    @Test
    void theAccountConsoleChangesNeitherTheAccountAddressNorTheNames() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        TestUsers.withVerifiedRecoveryAddress(server, agent);
        UserRepresentation before = user(agent);
        String bearer = ownToken(agent);
        Map<String, String> attempts = Map.of("email", "intrus." + agent.username() + "@evil.example",
                "firstName", "Intrus", "lastName", "Intrus");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            HttpResponse<String> refused = updateOwnAccount(bearer,
                    account -> account.put(attempt.getKey(), attempt.getValue()));
            assertEquals(400, refused.statusCode(), attempt.getKey() + ": " + refused.body());
        }
        HttpResponse<String> address = updateOwnAccount(bearer, account -> ((ObjectNode) account.get("attributes"))
                .putArray("recoveryEmail").add("intrus." + agent.username() + "@evil.example"));
        assertEquals(400, address.statusCode(), "the recovery address changes only with the second factor: "
                + address.body());
        UserRepresentation after = user(agent);
        assertEquals(before.firstAttribute("recoveryEmail"), after.firstAttribute("recoveryEmail"));
        assertEquals(before.getEmail(), after.getEmail());
        assertEquals(before.getFirstName(), after.getFirstName());
        assertEquals(before.getLastName(), after.getLastName());
    }

    /**
     * Whoever holds an agent's open session, even with the password, cannot point recovery at
     * their own address: an application's request to change it asks for the sign-in again and
     * then for the agent's app; with it, the agent changes the address, and the old one is told.
     */
    @Test
    void changingTheAddressFromAnApplicationNeedsTheSignInAgainWithTheApp() throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        String old = TestUsers.withVerifiedRecoveryAddress(server, agent);
        String replacement = "nouvelle." + agent.username() + "@perso.example";
        Map<String, String> change = Map.of("kc_action", "casvp-recovery-address");
        try (WebClient shared = Browsers.htmlUnit("fr")) {
            String secret = Totp.enrol(shared, server, LoginPage.open(shared, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain().html());

            LoginPage asked = LoginPage.open(shared, server, Pkce.create(), change);
            assertTrue(asked.isSignInForm(), "the open session alone is not enough: " + asked.html().asNormalizedText());
            HtmlPage otp = asked.signIn(agent.username(), agent.password()).pageAgain().html();
            assertNotNull(otp.getElementById("kc-otp-login-form"), "the password alone is not enough either: "
                    + otp.asNormalizedText());
            assertNull(otp.getElementById("casvp-recovery-address-form"));

            KeycloakForms.Outcome withApp = Totp.submit(shared, server, otp, Totp.code(secret, 1));
            assertNotNull(withApp.page(), "then the address page");
            HtmlPage codePage = send(shared, withApp.page(), replacement);
            assertNotNull(codePage.getElementById("casvp-recovery-address-sent"), codePage.asNormalizedText());
            String code = code(Mailbox.awaitMessagesTo(server.mail(), replacement, 1, MAIL_WAIT));
            assertNotNull(verify(shared, codePage, code).redirect(), "changed, back to the application");
        }
        assertEquals(replacement, user(agent).firstAttribute("recoveryEmailVerified"));
        assertTrue(Mailbox.awaitSubject(server.mail(), old, "CASVP : l’adresse de secours de votre compte a changé",
                MAIL_WAIT).isPresent(), "the old address is told");
    }

    private static UserRepresentation user(TestUsers.Agent agent) {
        return server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).toRepresentation();
    }

    private static long otpCount(TestUsers.Agent agent) {
        return server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).count();
    }

    /** Signs in with the forms in this browser (its device cookie kept, Keycloak's session cookies dropped). */
    private static HtmlPage prompt(WebClient browser, TestUsers.Agent agent) throws Exception {
        SignIns.closeAndReopen(browser);
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password());
        assertNotNull(result.pageAgain(), "the prompt, not the webmail");
        HtmlPage page = result.pageAgain().html();
        assertNotNull(page.getElementById("casvp-recovery-address-form"), page.asNormalizedText());
        return page;
    }

    private static HtmlPage send(WebClient browser, HtmlPage page, String address) throws Exception {
        HtmlForm form = page.getHtmlElementById("casvp-recovery-address-form");
        form.getInputByName("recoveryEmail").setValue(address);
        KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server, page.getHtmlElementById("casvp-recovery-address-send"));
        assertNotNull(outcome.page());
        return outcome.page();
    }

    private static KeycloakForms.Outcome verify(WebClient browser, HtmlPage page, String code) throws Exception {
        HtmlForm form = page.getHtmlElementById("casvp-recovery-address-form");
        form.getInputByName("code").setValue(code);
        return KeycloakForms.submit(browser, server, page.getHtmlElementById("casvp-recovery-address-verify"));
    }

    private static String code(List<MimeMessage> mails) {
        Matcher code = CODE.matcher(Mailbox.htmlPart(mails.get(mails.size() - 1)));
        assertTrue(code.find());
        return code.group(1);
    }


    /** What the account console does when the agent edits their personal information. */
    private static HttpResponse<String> updateOwnAccount(TestUsers.Agent agent, String recovery) throws Exception {
        return updateOwnAccount(ownToken(agent), account -> {
            ObjectNode attributes = account.has("attributes") ? (ObjectNode) account.get("attributes")
                    : account.putObject("attributes");
            attributes.putArray("recoveryEmail").add(recovery);
        });
    }

    /** The agent's own access token, from a browser sign-in (as the account console gets it). */
    private static String ownToken(TestUsers.Agent agent) throws Exception {
        return "Bearer " + OidcTokens.ownAccessToken(server, agent.username(), agent.password());
    }

    private static HttpResponse<String> updateOwnAccount(String bearer, java.util.function.Consumer<ObjectNode> change)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/account/"))
                .header("Authorization", bearer).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, current.statusCode(), current.body());
        ObjectNode account = (ObjectNode) json.readTree(current.body());
        account.remove("userProfileMetadata");
        change.accept(account);
        return http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/account/"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(account))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
