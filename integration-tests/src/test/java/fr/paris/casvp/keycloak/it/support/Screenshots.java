package fr.paris.casvp.keycloak.it.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Screenshots the Chromium tests take: into {@code target/it/screenshots/}, and into the docs'
 * {@code docs/screenshots/} as well when the build is run with {@code -Dcasvp.refreshDocs=true},
 * so the pictures in the docs are the pages as the suite last saw them.
 */
public final class Screenshots {

    private Screenshots() {
    }

    /** A page, or one element of it ({@code WebElement} is a {@code TakesScreenshot} too), as {@code name.png}. */
    public static void save(TakesScreenshot source, String name) throws IOException {
        Path taken = source.getScreenshotAs(OutputType.FILE).toPath();
        assertTrue(Files.size(taken) > 10_000, name + ": an empty picture");
        Files.copy(taken, Files.createDirectories(ItSettings.outputDir().resolve("screenshots")).resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        if (ItSettings.refreshDocs()) {
            Files.copy(taken, Files.createDirectories(ItSettings.docsScreenshots()).resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
