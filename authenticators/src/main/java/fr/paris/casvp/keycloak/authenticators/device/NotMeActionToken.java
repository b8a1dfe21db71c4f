package fr.paris.casvp.keycloak.authenticators.device;

import org.keycloak.authentication.actiontoken.DefaultActionToken;

import java.util.UUID;

/** The signed, expiring "this wasn't me" link sent in device alerts. */
public final class NotMeActionToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "casvp-not-me";

    NotMeActionToken(String userId, int absoluteExpirationInSecs, String clientId) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, UUID.randomUUID());
        issuedFor(clientId);
    }

    /** For JSON deserialisation of a received token. */
    private NotMeActionToken() {
        // fields are filled by Jackson
    }
}
