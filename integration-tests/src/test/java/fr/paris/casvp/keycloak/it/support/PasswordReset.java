package fr.paris.casvp.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Assertions;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An admin setting an agent's password through the admin REST API, as the admin console does. */
public final class PasswordReset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PasswordReset() {
    }

    public static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    /** Sets the password; fails the test if Keycloak refuses it. */
    public static void accepted(Keycloak admin, TestUsers.Agent agent, String password) {
        admin.realm(KeycloakServer.REALM).users().get(agent.id()).resetPassword(password(password));
    }

    /** Expects a refusal and returns its JSON body ({@code error}, {@code error_description}). */
    public static JsonNode refused(Keycloak admin, TestUsers.Agent agent, String password) {
        BadRequestException refusal = Assertions.assertThrows(BadRequestException.class, () -> admin
                .realm(KeycloakServer.REALM).users().get(agent.id()).resetPassword(password(password)));
        try {
            return JSON.readTree(refusal.getResponse().readEntity(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
