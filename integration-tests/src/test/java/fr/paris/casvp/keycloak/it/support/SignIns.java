package fr.paris.casvp.keycloak.it.support;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import org.htmlunit.WebClient;
import org.htmlunit.util.Cookie;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-ins as an agent does them day after day, in a browser that keeps its device cookie. */
public final class SignIns {

    public static final String DEVICE_COOKIE = "CASVP_DEVICE";

    private SignIns() {
    }

    /**
     * Signs in with the forms, as after closing the browser: Keycloak's session cookies are
     * dropped first (otherwise single sign-on answers at once), the device cookie stays.
     */
    public static void signIn(WebClient browser, KeycloakServer server, TestUsers.Agent agent) throws Exception {
        closeAndReopen(browser);
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password());
        assertTrue(result.redirectedToApplication(), () -> "signed in: " + (result.pageAgain() == null ? ""
                : result.pageAgain().html().asNormalizedText()));
    }

    /** As after closing the browser: Keycloak's session cookies go, the device cookie stays. */
    public static void closeAndReopen(WebClient browser) {
        Cookie device = browser.getCookieManager().getCookie(DEVICE_COOKIE);
        browser.getCookieManager().clearCookies();
        if (device != null) {
            browser.getCookieManager().addCookie(device);
        }
    }
}
