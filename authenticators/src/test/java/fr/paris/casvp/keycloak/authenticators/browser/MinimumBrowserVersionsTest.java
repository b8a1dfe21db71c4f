package fr.paris.casvp.keycloak.authenticators.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MinimumBrowserVersionsTest {

    private static final MinimumBrowserVersions DEFAULTS =
            MinimumBrowserVersions.parse(OutdatedBrowserConfig.DEFAULT_MINIMUM_VERSIONS);

    @ParameterizedTest(name = "{0} is outdated (minimum {1})")
    @CsvSource(textBlock = """
            Chrome/79.0.3945,          120
            Firefox/102.0,             115
            Edge/18.17763,             120
            Mobile Safari/12.1.2,      16
            chrome/119,                120
            """)
    void refusesBrowsersOlderThanTheMinimum(String browser, int minimum) {
        MinimumBrowserVersions.Outdated outdated = DEFAULTS.outdated(browser);
        assertEquals(minimum, outdated.minimum(), browser);
    }

    @ParameterizedTest(name = "{0} passes")
    @CsvSource({
            "Chrome/156.0.8078",
            "Firefox/128.0",
            "Safari/17.4",
            "Lynx/2.8",              // not listed: never refused
            "Other/Unknown",          // Keycloak's 'unknown'
            "'<script>alert(1)</script>/1'",
            "''",
    })
    void acceptsRecentUnknownAndUnreadableBrowsers(String browser) {
        assertNull(DEFAULTS.outdated(browser));
        assertNull(DEFAULTS.outdated(null));
    }

    @Test
    void adminEntriesThatAreNotFamilyEqualsNumberAreSetAside() {
        MinimumBrowserVersions parsed = MinimumBrowserVersions.parse("Chrome=120, Firefox>=115; Edge = 121\nSafari");
        assertEquals(Map.of("Chrome", 120, "Edge", 121), parsed.minimums());
        assertEquals(List.of("Firefox>=115", "Safari"), parsed.ignored());
    }
}
