package fr.paris.casvp.keycloak.it.bench;

import fr.paris.casvp.keycloak.it.support.SignIns;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.util.List;
import java.util.Optional;

/**
 * One agent's own browser, day after day: its cookie jar keeps the device cookie
 * ({@code CASVP_DEVICE}) from one sign-in to the next, while Keycloak's session cookies
 * ({@code KEYCLOAK_IDENTITY}, {@code KEYCLOAK_SESSION}, {@code AUTH_SESSION_ID}, …) go
 * when the browser is closed, so the next sign-in goes through the forms instead of
 * single sign-on — as {@link SignIns#signIn} does with HtmlUnit in the integration tests.
 */
final class AgentBrowser {

    private final BenchRealm.User user;
    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    AgentBrowser(BenchRealm.User user) {
        this.user = user;
    }

    BenchRealm.User user() {
        return user;
    }

    /** Closes the browser (every cookie but the device cookie goes) and returns its jar for the next sign-in. */
    CookieManager reopened() {
        List<HttpCookie> all = List.copyOf(jar.getCookieStore().getCookies()); // a view of the store itself
        for (HttpCookie cookie : all) {
            if (!SignIns.DEVICE_COOKIE.equals(cookie.getName())) {
                jar.getCookieStore().remove(null, cookie);
            }
        }
        return jar;
    }

    /** The device cookie's value, if the browser has one. */
    Optional<String> deviceCookie() {
        return jar.getCookieStore().getCookies().stream()
                .filter(cookie -> SignIns.DEVICE_COOKIE.equals(cookie.getName()))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Names of the cookies the browser holds now (to check that only the device cookie survives a close). */
    List<String> cookieNames() {
        return jar.getCookieStore().getCookies().stream().map(HttpCookie::getName).sorted().toList();
    }
}
