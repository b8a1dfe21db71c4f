package fr.paris.casvp.keycloak.it.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Each test makes its own agents, so tests never depend on one another. */
public final class TestUsers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> WORDS = List.of("cerisier", "fleur", "riviere", "lampe", "nuage", "pomme",
            "cheval", "orange", "tulipe", "bouleau", "renard", "pigeon", "violon", "marron", "citron", "girafe");

    private TestUsers() {
    }

    public record Agent(String id, String username, String email, String password) {
    }

    /** A passphrase every realm policy accepts: three different words and a number. */
    public static String passphrase() {
        List<String> words = new ArrayList<>(WORDS);
        Collections.shuffle(words, RANDOM);
        return words.get(0) + " " + words.get(1) + " " + words.get(2) + " " + (10 + 2 * RANDOM.nextInt(5));
    }

    public static Agent create(KeycloakServer server, String locale) {
        return create(server, locale, List.of());
    }

    /** An agent with a password and, optionally, required actions (e.g. UPDATE_PASSWORD). */
    public static Agent create(KeycloakServer server, String locale, List<String> requiredActions) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "agent." + suffix;
        String email = username + "@casvp.test";
        String password = passphrase();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Dominique");
        user.setLastName("Test" + suffix);
        user.setEnabled(true);
        user.setAttributes(Map.of("locale", List.of(locale)));
        user.setRequiredActions(requiredActions);
        user.setCredentials(List.of(PasswordReset.password(password)));
        try (Response response = server.admin().realm(KeycloakServer.REALM).users().create(user)) {
            return new Agent(CreatedResponseUtil.getCreatedId(response), username, email, password);
        }
    }

    /**
     * Gives the agent a recovery address they already confirmed (as if they had gone
     * through the sign-in prompt): {@code <username>@perso.example}. Returns it.
     */
    public static String withVerifiedRecoveryAddress(KeycloakServer server, Agent agent) {
        String address = agent.username() + "@perso.example";
        var resource = server.admin().realm(KeycloakServer.REALM).users().get(agent.id());
        UserRepresentation user = resource.toRepresentation();
        Map<String, List<String>> attributes = new java.util.LinkedHashMap<>(
                user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.put("recoveryEmail", List.of(address));
        attributes.put("recoveryEmailVerified", List.of(address));
        user.setAttributes(attributes);
        resource.update(user);
        return address;
    }

    /** Removes the agent's recovery address (a second factor by mail then no longer applies to them). */
    public static void withoutRecoveryAddress(KeycloakServer server, Agent agent) {
        var resource = server.admin().realm(KeycloakServer.REALM).users().get(agent.id());
        UserRepresentation user = resource.toRepresentation();
        Map<String, List<String>> attributes = new java.util.LinkedHashMap<>(
                user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.remove("recoveryEmail");
        attributes.remove("recoveryEmailVerified");
        user.setAttributes(attributes);
        resource.update(user);
    }
}
