package fr.paris.casvp.keycloak.authenticators.browser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimum major versions per browser family, as an admin types them
 * ({@code Chrome=120, Edge=120, Firefox=115, Safari=16}), and the verdict for the
 * browser Keycloak recognised from the User-Agent ({@code "Chrome/118.0.5993"}).
 * A family not in the list, or a version that cannot be read, is never refused:
 * the check is for browsers known to be too old, not for unusual ones.
 */
final class MinimumBrowserVersions {

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z .-]{0,40}?)\\s*=\\s*(\\d{1,4})");
    private static final Pattern BROWSER = Pattern.compile("(.+?)/(\\d{1,6})(?:\\D.*)?");

    /** A browser too old for the realm: its family, its major version and the minimum. */
    record Outdated(String family, int version, int minimum) {
    }

    /** As the admin wrote the families, for the page. */
    private final Map<String, Integer> minimums;
    /** Same minimums, by family compared without case. */
    private final Map<String, Integer> byKey = new LinkedHashMap<>();
    private final List<String> ignored;

    private MinimumBrowserVersions(Map<String, Integer> minimums, List<String> ignored) {
        this.minimums = minimums;
        this.ignored = ignored;
        minimums.forEach((family, minimum) -> byKey.put(key(family), minimum));
    }

    /** Parses the admin's list; entries that are not {@code Family=number} are kept aside in {@link #ignored()}. */
    static MinimumBrowserVersions parse(String text) {
        Map<String, Integer> minimums = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        if (text != null) {
            for (String entry : text.split("[,;\\n]+")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                Matcher matcher = ENTRY.matcher(trimmed);
                if (matcher.matches()) {
                    minimums.put(matcher.group(1).trim(), Integer.parseInt(matcher.group(2)));
                } else {
                    ignored.add(trimmed);
                }
            }
        }
        return new MinimumBrowserVersions(Collections.unmodifiableMap(minimums), List.copyOf(ignored));
    }

    /**
     * The verdict for Keycloak's browser string ({@code DeviceRepresentation.getBrowser()}),
     * or null when the browser is recent enough, unknown, or unreadable.
     */
    Outdated outdated(String browser) {
        if (browser == null) {
            return null;
        }
        Matcher matcher = BROWSER.matcher(browser.trim());
        if (!matcher.matches()) {
            return null;
        }
        String family = matcher.group(1).trim();
        Integer minimum = byKey.get(key(family));
        if (minimum == null) {
            return null;
        }
        int version = Integer.parseInt(matcher.group(2));
        return version < minimum ? new Outdated(family, version, minimum) : null;
    }

    /** The families and minimums, in the admin's order, for the page that lists supported browsers. */
    Map<String, Integer> minimums() {
        return minimums;
    }

    List<String> ignored() {
        return ignored;
    }

    /** ua-parser names browsers "Chrome", "Mobile Safari", "Edge"...: compare without case and spaces. */
    private static String key(String family) {
        return family.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
