package fr.paris.casvp.keycloak.it.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Each test makes its own agents, so tests never depend on one another. */
public final class TestUsers {

    private TestUsers() {
    }

    public record Agent(String id, String username, String email, String password) {
    }

    public static Agent create(KeycloakServer server, String locale) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "agent." + suffix;
        String email = username + "@casvp.test";
        String password = "Cerisier en fleur rue " + suffix;
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Dominique");
        user.setLastName("Test" + suffix);
        user.setEnabled(true);
        user.setAttributes(Map.of("locale", List.of(locale)));
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = server.admin().realm(KeycloakServer.REALM).users().create(user)) {
            return new Agent(CreatedResponseUtil.getCreatedId(response), username, email, password);
        }
    }
}
