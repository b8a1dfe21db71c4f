package fr.paris.casvp.keycloak.it.support;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What an agent's authenticator app does: RFC 6238 codes (SHA-1, 6 digits, 30 s). */
public final class Totp {

    private Totp() {
    }

    /**
     * Completes Keycloak's "set up your app" page (manual mode: reads the secret as the agent
     * would type it) and returns the secret, for later codes.
     */
    public static String enrol(WebClient browser, KeycloakServer server, HtmlPage setup) throws Exception {
        Enrolment enrolment = enrolAndContinue(browser, server, setup);
        assertNotNull(enrolment.outcome().redirect(), "the code is accepted");
        return enrolment.secret();
    }

    /** The secret, and where Keycloak goes next (another required action, or the application). */
    public record Enrolment(String secret, KeycloakForms.Outcome outcome) {
    }

    /** Like {@link #enrol}, when more steps follow the app's set-up. */
    public static Enrolment enrolAndContinue(WebClient browser, KeycloakServer server, HtmlPage setup) throws Exception {
        HtmlPage manual = browser.getPage(setup.getFullyQualifiedUrl(
                setup.getElementById("mode-manual").getAttribute("href")));
        String secret = manual.getElementById("kc-totp-secret-key").getTextContent().replace(" ", "").trim();
        HtmlForm form = manual.getHtmlElementById("kc-totp-settings-form");
        form.getInputByName("totp").setValue(code(secret));
        form.getInputByName("userLabel").setValue("Téléphone");
        return new Enrolment(secret, KeycloakForms.submit(browser, server,
                form.getOneHtmlElementByAttribute("input", "type", "submit")));
    }

    /** Types the code on Keycloak's one-time-code page and sends it. */
    public static KeycloakForms.Outcome submit(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        HtmlForm form = page.getHtmlElementById("kc-otp-login-form");
        form.getInputByName("otp").setValue(code);
        return KeycloakForms.submit(browser, server, (HtmlElement) form.querySelector("[type=submit]"));
    }

    public static String code(String base32Secret) throws Exception {
        return code(base32Secret, 0);
    }

    /**
     * The code of a later 30 s window: Keycloak refuses a code used once (the casvp realm does
     * not allow reuse) and accepts the next window's (look-ahead 1), so a second code within
     * the same half-minute is the next one, as an app would show a little later.
     */
    public static String code(String base32Secret, int windowsAhead) throws Exception {
        byte[] key = base32(base32Secret);
        long counter = System.currentTimeMillis() / 1000 / 30 + windowsAhead;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8 + 1);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase().replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }
}
