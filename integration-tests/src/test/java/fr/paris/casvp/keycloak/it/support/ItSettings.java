package fr.paris.casvp.keycloak.it.support;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Settings passed by the Maven build (see integration-tests/pom.xml). */
public final class ItSettings {

    private ItSettings() {
    }

    public static Path keycloakHome() {
        return path("casvp.keycloak.home");
    }

    public static Path realmImportDir() {
        return path("casvp.realm.import.dir");
    }

    public static Path bundleJar() {
        return path("casvp.bundle.jar");
    }

    public static Path outputDir() {
        return path("casvp.it.output");
    }

    /** The docs' screenshot folder, {@code docs/screenshots}. */
    public static Path docsScreenshots() {
        return path("casvp.docs.screenshots");
    }

    /** {@code -Dcasvp.refreshDocs=true}: the Chromium tests' screenshots replace the docs' ones. */
    public static boolean refreshDocs() {
        return Boolean.parseBoolean(System.getProperty("casvp.docs.refresh", "false").trim());
    }

    public static String keycloakVersion() {
        return required("casvp.keycloak.version");
    }

    public static String bundleVersion() {
        return required("casvp.bundle.version");
    }

    /** {@code distribution} (default) or {@code testcontainers}. */
    public static String target() {
        return System.getProperty("casvp.it.target", "distribution").trim();
    }

    /** {@code dev-mem} (default, in-memory H2) or {@code postgres} (a fresh database on the local server). */
    public static String database() {
        return System.getProperty("casvp.it.db", "dev-mem").trim();
    }

    /** In CI the machine's services (PostgreSQL) are there; a test that needs one fails rather than skips. */
    public static boolean servicesRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * In CI a missing browser is a failure, not a skip: CI installs Chromium, so a
     * browser test that silently skips there would hide a broken install step.
     */
    public static boolean browserRequired() {
        return Boolean.getBoolean("casvp.it.requireBrowser") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Path path(String key) {
        return Paths.get(required(key)).toAbsolutePath().normalize();
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key
                    + " is not set: run the integration tests through Maven (mvn verify).");
        }
        return value;
    }
}
