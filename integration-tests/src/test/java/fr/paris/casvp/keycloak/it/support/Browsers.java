package fr.paris.casvp.keycloak.it.support;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The two browsers of the suite: HtmlUnit for flows, Debian's Chromium for real rendering. */
public final class Browsers {

    public static final Path CHROMIUM = Path.of(System.getProperty("casvp.it.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("casvp.it.chromedriver", "/usr/bin/chromedriver"));

    private Browsers() {
    }

    /** A fresh HtmlUnit browser (own cookie jar), French-speaking like an agent's PC. */
    public static WebClient htmlUnit() {
        return htmlUnit("fr-FR,fr;q=0.9");
    }

    public static WebClient htmlUnit(String acceptLanguage) {
        return htmlUnit(acceptLanguage, null);
    }

    /** A browser announcing itself with {@code userAgent} (null: HtmlUnit's current Firefox). */
    public static WebClient htmlUnit(String acceptLanguage, String userAgent) {
        BrowserVersion.BrowserVersionBuilder builder = new BrowserVersion.BrowserVersionBuilder(BrowserVersion.FIREFOX)
                .setAcceptLanguageHeader(acceptLanguage);
        if (userAgent != null) {
            builder.setUserAgent(userAgent);
        }
        BrowserVersion browser = builder.build();
        WebClient client = new WebClient(browser);
        client.getOptions().setCssEnabled(false);
        // keycloak.v2 pages load ES modules HtmlUnit cannot run; flows work without them.
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        // tests read refused pages on purpose: no page dumps burying the failures in the build log
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.getOptions().setTimeout((int) Duration.ofSeconds(20).toMillis());
        return client;
    }

    /**
     * A French-speaking browser connecting from this loopback address (127.0.0.x): on Linux
     * every 127/8 address is local, so tests can stand for different machines or networks.
     */
    public static WebClient htmlUnitFrom(String sourceAddress) {
        WebClient client = htmlUnit();
        try {
            client.getOptions().setLocalAddress(java.net.InetAddress.getByName(sourceAddress));
        } catch (java.net.UnknownHostException notALiteral) {
            client.close();
            throw new IllegalArgumentException("Not an IP literal: " + sourceAddress, notALiteral);
        }
        return client;
    }

    /**
     * Headless Debian Chromium through its chromedriver: nothing is downloaded. Skips
     * the calling test when Chromium is not installed, except in CI where that fails.
     */
    public static ChromeDriver chromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String why = "Chromium tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if (ItSettings.browserRequired()) {
            Assertions.assertTrue(installed, why);
        } else {
            Assumptions.assumeTrue(installed, why);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("casvp-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                "--lang=fr-FR", "--user-data-dir=" + profile);
        // An agent's browser asks for French pages (headless Chromium would say en-US).
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(ItSettings.outputDir().toFile(), "chromedriver.log"))
                .build();
        return new ChromeDriver(service, options);
    }
}
