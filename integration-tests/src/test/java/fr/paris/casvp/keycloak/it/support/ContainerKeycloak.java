package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.keycloak.admin.client.Keycloak;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same server as {@link DistributionKeycloak}, in the official Keycloak image
 * through Testcontainers ({@code -Dcasvp.it.target=testcontainers}). Needs a Docker
 * engine; {@link #dockerAvailable()} lets the suite skip cleanly without one.
 */
public final class ContainerKeycloak implements KeycloakServer {

    private static final String IMAGE = "quay.io/keycloak/keycloak:";
    private static final String WEBMAIL_URL = "http://localhost:8081";

    private final KeycloakContainer container;
    private final GreenMail mail;
    private final String webmailSecret;
    private final long startupMillis;

    private ContainerKeycloak(KeycloakContainer container, GreenMail mail, String webmailSecret, long startupMillis) {
        this.container = container;
        this.mail = mail;
        this.webmailSecret = webmailSecret;
        this.startupMillis = startupMillis;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException noDocker) {
            return false;
        }
    }

    public static ContainerKeycloak start(GreenMail mail, BreachRangeServer breachRange) {
        try {
            Path realmDir = Files.createDirectories(ItSettings.outputDir().resolve("container-import"));
            Path realmFile = RealmFiles.writeDemoRealm(ItSettings.realmImportDir(), realmDir);
            int smtpPort = mail.getSmtp().getPort();
            int rangePort = URI.create(breachRange.url()).getPort();
            Testcontainers.exposeHostPorts(smtpPort, rangePort);
            String webmailSecret = DistributionKeycloak.randomSecret();

            @SuppressWarnings("resource") // closed in close()
            KeycloakContainer container = new KeycloakContainer(IMAGE + ItSettings.keycloakVersion())
                    .withProviderLibsFrom(List.of(ItSettings.bundleJar().toFile()))
                    .withEnabledMetrics()
                    .withCopyFileToContainer(MountableFile.forHostPath(realmFile),
                            "/opt/keycloak/data/import/" + RealmFiles.REALM_FILE)
                    .withEnv("CASVP_SMTP_HOST", "host.testcontainers.internal")
                    .withEnv("CASVP_SMTP_PORT", Integer.toString(smtpPort))
                    .withEnv("CASVP_WEBMAIL_SECRET", webmailSecret)
                    .withEnv("CASVP_WEBMAIL_URL", WEBMAIL_URL)
                    .withEnv(DistributionKeycloak.DEMO_ENVIRONMENT)
                    // the test browser reaches the container through Docker's bridge network
                    .withEnv("CASVP_TRUSTED_NETWORKS", "127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16")
                    .withEnv("CASVP_BREACHED_URL", "http://host.testcontainers.internal:" + rangePort + "/range/");
            long started = System.nanoTime();
            container.start();
            return new ContainerKeycloak(container, mail, webmailSecret,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String managementUrl() {
        String url = container.getMgmtServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Keycloak admin() {
        return container.getKeycloakAdminClient();
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
        return WEBMAIL_URL + "/owa/";
    }

    @Override
    public String serverLog() {
        return container.getLogs();
    }

    @Override
    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        container.stop();
    }
}
