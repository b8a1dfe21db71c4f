package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import org.keycloak.admin.client.Keycloak;

/**
 * A running Keycloak with the CASVP bundle installed and the casvp realm imported,
 * plus the mail catcher its realm SMTP settings point at. Either the stock
 * distribution started as a process ({@link DistributionKeycloak}) or a
 * Testcontainers container ({@link ContainerKeycloak}).
 */
public interface KeycloakServer extends AutoCloseable {

    String REALM = "casvp";
    String WEBMAIL_CLIENT_ID = "webmail";

    /** Base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    String baseUrl();

    default String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** Admin client logged in to the master realm as the bootstrap admin. */
    Keycloak admin();

    /** The SMTP server the casvp realm sends to. */
    GreenMail mail();

    /** Client secret of the {@code webmail} client, as set when the realm was imported. */
    String webmailSecret();

    /** Redirect URI registered for the {@code webmail} client. */
    String webmailRedirectUri();

    /**
     * Base URL of the management interface (health and {@code /metrics}), e.g.
     * {@code http://127.0.0.1:41235}, without a trailing slash.
     */
    String managementUrl();

    /** Everything the server printed so far. */
    String serverLog();

    /** How long the server took from process start to ready, in milliseconds. */
    long startupMillis();

    @Override
    void close();
}
