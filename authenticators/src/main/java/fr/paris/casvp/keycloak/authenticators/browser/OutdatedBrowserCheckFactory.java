package fr.paris.casvp.keycloak.authenticators.browser;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;

/**
 * {@code casvp-outdated-browser}: warns (or stops) agents whose browser is older than the
 * realm's minimum versions, with a page saying which browsers are supported. Place it
 * first in the browser forms, before the password is typed.
 */
public final class OutdatedBrowserCheckFactory extends StepFactory {

    public static final String ID = "casvp-outdated-browser";

    public OutdatedBrowserCheckFactory() {
        super(ID, new OutdatedBrowserCheck(), "CASVP: outdated browser check",
                "Warns or stops agents whose browser is older than the minimum versions, with a page listing the "
                        + "supported browsers.", OutdatedBrowserConfig.SETTINGS);
    }
}
