package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.BreachRangeServer;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A password that becomes breached after it was chosen is replaced at the agent's next sign-in. */
@CasvpIntegrationTest
class PasswordRecheckAtSignInIT {

    @Test
    void agentWhosePasswordAppearsInABreachMustChooseANewOneAtSignIn(KeycloakServer server,
                                                                      BreachRangeServer breachRange) throws Exception {
        // The policy keeps range answers 5 minutes; this test publishes a breach and
        // wants the very next sign-in to see it, so it turns the cache off meanwhile.
        String policy = RealmSettings.passwordPolicy(server);
        RealmSettings.setPasswordPolicy(server, policy.replace("onError=accept)", "onError=accept,cacheSize=0)"));
        try {
            signInAfterABreachIsPublished(server, breachRange);
        } finally {
            RealmSettings.setPasswordPolicy(server, policy);
        }
    }

    private static void signInAfterABreachIsPublished(KeycloakServer server, BreachRangeServer breachRange)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit()) {
            assertTrue(LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication(), "signs in normally while the password is not listed");
        }

        breachRange.publishBreach(agent.password());

        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            assertNotNull(result.pageAgain(), "the agent is stopped before reaching the webmail");
            UpdatePasswordPage page = new UpdatePasswordPage(browser, server, result.pageAgain().html());
            String redirect = page.submit(TestUsers.passphrase());
            assertNotNull(redirect, "a new password gets the agent in: " + page.error());
            assertTrue(redirect.startsWith(server.webmailRedirectUri()), redirect);
        }
    }

    @Test
    void wrongPasswordIsStillJustAWrongPassword(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), BreachRangeServer.BREACHED.get(0)); // listed, and not the agent's
            assertNotNull(result.pageAgain());
            assertTrue(result.pageAgain().isSignInForm(), "the sign-in form again, not the update-password page");
        }
    }
}
