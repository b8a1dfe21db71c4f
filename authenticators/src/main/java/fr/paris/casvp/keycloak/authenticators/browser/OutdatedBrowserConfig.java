package fr.paris.casvp.keycloak.authenticators.browser;

import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

/** Settings of the {@code casvp-outdated-browser} step, with defaults when the admin set none. */
final class OutdatedBrowserConfig {

    static final String MINIMUM_VERSIONS = "minimumVersions";
    static final String BLOCK = "block";
    /** Recent enough for the webmail and still updated (ESR for Firefox), November 2026. */
    static final String DEFAULT_MINIMUM_VERSIONS = "Chrome=120, Chromium=120, Edge=120, Firefox=115, Safari=16, "
            + "Mobile Safari=16, Opera=106, Samsung Internet=23";

    private final Map<String, String> values;

    OutdatedBrowserConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    MinimumBrowserVersions minimumVersions() {
        return MinimumBrowserVersions.parse(values.getOrDefault(MINIMUM_VERSIONS, DEFAULT_MINIMUM_VERSIONS));
    }

    /** true: refuse outdated browsers; false (default): warn and let the agent continue. */
    boolean block() {
        return Boolean.parseBoolean(values.getOrDefault(BLOCK, "false"));
    }
}
