package fr.paris.casvp.keycloak.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the realm file that the demo and the tests import: the production
 * {@code casvp-realm.json} plus the demo accounts of {@code casvp-demo-users.json}.
 * Ops import {@code casvp-realm.json} alone, so no demo password reaches production.
 */
public final class RealmFiles {

    public static final String REALM_FILE = "casvp-realm.json";
    public static final String DEMO_USERS_FILE = "casvp-demo-users.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealmFiles() {
    }

    /** Writes {@code casvp-realm.json} with the demo users into {@code importDir}. */
    public static Path writeDemoRealm(Path exportDir, Path importDir) throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(exportDir.resolve(REALM_FILE).toFile());
        ObjectNode demo = (ObjectNode) JSON.readTree(exportDir.resolve(DEMO_USERS_FILE).toFile());
        realm.set("users", demo.get("users"));
        Files.createDirectories(importDir);
        Path target = importDir.resolve(REALM_FILE);
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), realm);
        return target;
    }
}
