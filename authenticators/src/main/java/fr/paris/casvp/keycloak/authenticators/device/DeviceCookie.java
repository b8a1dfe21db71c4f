package fr.paris.casvp.keycloak.authenticators.device;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser's device id: 256 random bits, base64url, in a long-lived {@code HttpOnly},
 * {@code SameSite=Lax} cookie scoped to the realm ({@code Secure} over https). The server
 * keeps only its SHA-256 hash.
 */
final class DeviceCookie {

    static final String NAME = "CASVP_DEVICE";
    /** Browsers cap cookie lifetimes at 400 days. */
    static final int MAX_AGE_SECONDS = 400 * 24 * 3600;

    private static final int ID_BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private DeviceCookie() {
    }

    /** The id in the request's cookie, if there is one and it has the right shape. */
    static Optional<String> read(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        return cookie == null ? Optional.empty() : wellFormed(cookie.getValue());
    }

    static Optional<String> wellFormed(String value) {
        return value != null && WELL_FORMED.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    static String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SecretGenerator.getInstance().randomBytes(ID_BYTES));
    }

    static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", impossible);
        }
    }

    static void write(KeycloakSession session, RealmModel realm, String id) {
        boolean https = "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
        String path = session.getContext().getUri().getBaseUri().getRawPath();
        path = (path.endsWith("/") ? path : path + "/") + "realms/" + realm.getName() + "/";
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(id)
                .path(path)
                .maxAge(MAX_AGE_SECONDS)
                .httpOnly(true)
                .secure(https)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
    }
}
