package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stock Keycloak distribution unpacked under {@code target/}, with the bundle in
 * {@code providers/}, started as a separate process exactly as ops run it.
 *
 * <p>{@code kc.sh build} runs only when the build options or the content of
 * {@code providers/} changed since the last build (a fingerprint kept next to the
 * augmented server), then {@code kc.sh start --optimized}. The database is the
 * in-memory H2 ({@code dev-mem}), so each start begins from the imported realm.
 */
public final class DistributionKeycloak implements KeycloakServer {

    /** Build-time options besides the database: one node, health and metrics endpoints on. */
    public static final List<String> BUILD_OPTIONS = List.of("--cache=local", "--health-enabled=true",
            "--metrics-enabled=true");
    /** Database when the environment names none ({@code KC_DB}): in-memory H2. */
    public static final String DEFAULT_DB = "dev-mem";

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String FINGERPRINT_FILE = "casvp-build.fingerprint";

    private final Path home;
    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final String managementUrl;
    private final String adminPassword;
    private final String webmailSecret;
    private final String webmailRedirectUri;
    private final GreenMail mail;
    private final long startupMillis;
    private volatile Keycloak admin;

    private DistributionKeycloak(Path home, Process process, Path log, String baseUrl, String managementUrl,
                                 String adminPassword, String webmailSecret, String webmailRedirectUri, GreenMail mail,
                                 long startupMillis) {
        this.home = home;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.adminPassword = adminPassword;
        this.webmailSecret = webmailSecret;
        this.webmailRedirectUri = webmailRedirectUri;
        this.mail = mail;
        this.startupMillis = startupMillis;
    }

    /**
     * What the realm file needs beside the mail catcher's port and the webmail (which each
     * start passes): the demo's sender, security contact and helpdesk page, and no STARTTLS
     * (the mail catcher has none). Production sets its own: the realm has no defaults for them.
     */
    public static final Map<String, String> DEMO_ENVIRONMENT = Map.of(
            "CASVP_SMTP_FROM", "no-reply@casvp.test",
            "CASVP_SMTP_STARTTLS", "false",
            "CASVP_SECURITY_CONTACT", "securite-si@casvp.test",
            "CASVP_HELPDESK_TOOL_URL", "http://localhost:8082");

    /** What to start: ports, where the realm file is, the mail catcher and extra environment. */
    public record Options(Path home, Path bundleJar, Path realmExportDir, Path outputDir, int httpPort,
                          int managementPort, GreenMail mail, String adminPassword, String webmailSecret,
                          String webmailUrl, boolean importRealm, Map<String, String> environment) {

        /**
         * Test settings; {@code environment} adds to what the realm file reads (CASVP_…), or
         * overrides it; an empty value leaves the variable unset.
         */
        public static Options forTests(GreenMail mail, Map<String, String> environment) {
            return new Options(ItSettings.keycloakHome(), ItSettings.bundleJar(), ItSettings.realmImportDir(),
                    ItSettings.outputDir(), FreePorts.next(), FreePorts.next(), mail, randomSecret(), randomSecret(),
                    "http://localhost:" + FreePorts.next(), true, environment);
        }
    }

    public static DistributionKeycloak start(Options options) {
        try {
            return doStart(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Keycloak", e);
        }
    }

    private static DistributionKeycloak doStart(Options o) throws IOException, InterruptedException {
        Path home = o.home();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run through Maven, which unpacks it (mvn verify).");
        }
        Files.createDirectories(o.outputDir());
        if (o.bundleJar() != null) {
            installBundle(home, o.bundleJar());
        }
        buildIfNeeded(home, o.outputDir(), o.environment().getOrDefault("KC_DB", DEFAULT_DB));

        Path importDir = home.resolve("data/import");
        if (o.importRealm()) {
            RealmFiles.writeDemoRealm(o.realmExportDir(), importDir);
        }

        Path log = o.outputDir().resolve("keycloak-" + o.httpPort() + ".log");
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + o.httpPort(),
                "--http-management-port=" + o.managementPort(),
                "--hostname-strict=false"));
        if (o.importRealm()) {
            command.add("--import-realm");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", o.adminPassword());
        env.put("CASVP_SMTP_HOST", "127.0.0.1");
        env.put("CASVP_SMTP_PORT", Integer.toString(o.mail().getSmtp().getPort()));
        env.put("CASVP_WEBMAIL_SECRET", o.webmailSecret());
        env.put("CASVP_WEBMAIL_URL", o.webmailUrl());
        env.putAll(DEMO_ENVIRONMENT);
        env.putAll(o.environment());
        env.values().removeIf(String::isEmpty); // an empty value unsets the variable

        long started = System.nanoTime();
        Process process = builder.start();
        // "localhost" rather than 127.0.0.1: browsers (HtmlUnit included) treat it as a
        // secure context and keep Keycloak's Secure cookies over plain HTTP.
        String baseUrl = "http://localhost:" + o.httpPort();
        String managementUrl = "http://127.0.0.1:" + o.managementPort();
        try {
            awaitReady(process, managementUrl + "/health/ready", log);
        } catch (RuntimeException | InterruptedException e) {
            stop(process);
            throw e;
        }
        long startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new DistributionKeycloak(home, process, log, baseUrl, managementUrl, o.adminPassword(), o.webmailSecret(),
                o.webmailUrl() + "/owa/", o.mail(), startupMillis);
    }

    /** File name of the bundle once installed in {@code providers/}. */
    public static final String INSTALLED_BUNDLE = "casvp-keycloak-bundle.jar";

    /**
     * Copies the bundle into {@code providers/}, as ops do, unless the same bytes are
     * already there: Keycloak compares the JAR's modification time with its last build.
     */
    static void installBundle(Path home, Path bundleJar) throws IOException {
        Path installed = home.resolve("providers").resolve(INSTALLED_BUNDLE);
        if (Files.isRegularFile(installed) && Files.mismatch(installed, bundleJar) == -1L) {
            return;
        }
        Files.copy(bundleJar, installed, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Runs {@code kc.sh build} unless the server was already augmented with the same
     * options and the same providers; an unchanged bundle (reproducible JAR) costs nothing.
     */
    static void buildIfNeeded(Path home, Path outputDir, String db) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(BUILD_OPTIONS);
        options.add(0, "--db=" + db);
        Path marker = home.resolve("lib/quarkus").resolve(FINGERPRINT_FILE);
        String fingerprint = fingerprint(home, options);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.add("build");
        command.addAll(options);
        Path buildLog = outputDir.resolve("keycloak-build.log");
        Process build = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build did not finish in 5 minutes; see " + buildLog);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed (exit " + build.exitValue() + "):\n"
                    + tail(buildLog, 40));
        }
        Files.writeString(marker, fingerprint);
    }

    private static String fingerprint(Path home, List<String> options) throws IOException {
        MessageDigest digest = sha256();
        digest.update(String.join(" ", options).getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(home.resolve("providers"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                // Keycloak itself compares modification times, so they are part of it too.
                digest.update((file.getFileName() + "@" + Files.getLastModifiedTime(file).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void awaitReady(Process process, String healthUrl, Path log)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + " before it was ready:\n" + tail(log, 60));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the management interface is not up yet
            }
            // Poll interval while waiting for a process we do not control.
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP_TIMEOUT + ":\n" + tail(log, 60));
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String managementUrl() {
        return managementUrl;
    }

    @Override
    public Keycloak admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Keycloak.getInstance(baseUrl, "master", "admin", adminPassword, "admin-cli");
                }
            }
        }
        return admin;
    }

    @Override
    public GreenMail mail() {
        return mail;
    }

    @Override
    public String webmailSecret() {
        return webmailSecret;
    }

    @Override
    public String webmailRedirectUri() {
        return webmailRedirectUri;
    }

    @Override
    public String serverLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long startupMillis() {
        return startupMillis;
    }

    public Path home() {
        return home;
    }

    public long pid() {
        return process.pid();
    }

    /** Blocks until the server process ends (used by the demo). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        stop(process);
    }

    /** SIGTERM first, as a service manager does; forcibly only if Keycloak ignores it. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    public static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
