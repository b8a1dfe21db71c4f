package fr.paris.casvp.keycloak.themes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The live checklist reads the typed password in the page and never lets it out before submit. */
class PasswordChecklistScriptTest {

    private static final Path SCRIPT = Path.of("src/main/resources/theme/casvp/login/resources/js/casvp-password-checklist.js");

    @ParameterizedTest(name = "the checklist script uses no {0}")
    @ValueSource(strings = {"fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "localStorage",
            "sessionStorage", "document.cookie", "console.", "new Image", "postMessage", "innerHTML"})
    void thePasswordNeverLeavesThePage(String way) throws IOException {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertFalse(script.contains(way), "casvp-password-checklist.js must not use " + way);
    }
}
