package fr.paris.casvp.keycloak.authenticators.browser;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** What the admin console shows for the {@code casvp-outdated-browser} step. */
final class OutdatedBrowserConfigProperties {

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(OutdatedBrowserConfig.MINIMUM_VERSIONS)
            .label("Minimum browser versions")
            .helpText("Family=major version, separated by commas, e.g. Chrome=120, Firefox=115. Families as "
                    + "Keycloak recognises them (Chrome, Edge, Firefox, Safari, Mobile Safari, Opera...). Browsers "
                    + "not listed are never refused. Entries that are not Family=number are ignored and logged.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(OutdatedBrowserConfig.DEFAULT_MINIMUM_VERSIONS)
            .add()
            .property()
            .name(OutdatedBrowserConfig.BLOCK)
            .label("Block outdated browsers")
            .helpText("Off: the agent sees a warning and may continue. On: the agent cannot sign in with an "
                    + "outdated browser and is told which browsers are supported.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .build();

    private OutdatedBrowserConfigProperties() {
    }
}
