package fr.paris.casvp.keycloak.authenticators.browser;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * Settings of the {@code casvp-outdated-browser} step, with defaults when the admin set none.
 *
 * @param block true: refuse outdated browsers; false (default): warn and let the agent continue
 */
record OutdatedBrowserConfig(MinimumBrowserVersions minimumVersions, boolean block) {

    /** Recent enough for the webmail and still updated (ESR for Firefox), November 2026. */
    static final String DEFAULT_MINIMUM_VERSIONS = "Chrome=120, Chromium=120, Edge=120, Firefox=115, Safari=16, "
            + "Mobile Safari=16, Opera=106, Samsung Internet=23";

    static final Setting<MinimumBrowserVersions> MINIMUM_VERSIONS = Setting.parsed("minimumVersions",
            DEFAULT_MINIMUM_VERSIONS, MinimumBrowserVersions::parse, "Minimum browser versions",
            "Family=major version, separated by commas, e.g. Chrome=120, Firefox=115. Families as "
                    + "Keycloak recognises them (Chrome, Edge, Firefox, Safari, Mobile Safari, Opera...). Browsers "
                    + "not listed are never refused. Entries that are not Family=number are ignored and logged.");
    static final Setting<Boolean> BLOCK = Setting.flag("block", false, "Block outdated browsers",
            "Off: the agent sees a warning and may continue. On: the agent cannot sign in with an "
                    + "outdated browser and is told which browsers are supported.");
    static final Settings SETTINGS = Settings.of(OutdatedBrowserCheckFactory.ID, MINIMUM_VERSIONS, BLOCK);

    static OutdatedBrowserConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        return new OutdatedBrowserConfig(saved.get(MINIMUM_VERSIONS), saved.get(BLOCK));
    }
}
