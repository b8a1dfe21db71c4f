package fr.paris.casvp.keycloak.authenticators.account;

import fr.paris.casvp.keycloak.authenticators.provider.SettingsHolderFactory;

/**
 * {@code casvp-agent-settings}: what the realm's steps, listeners and endpoints all need to
 * know about its agents — where their recovery address is kept and who hears about "this
 * wasn't me" and locks — held once (Authentication → Required actions → CASVP agent
 * settings → gear) and checked when saved.
 */
public final class AgentSettingsFactory extends SettingsHolderFactory {

    public static final String ID = "casvp-agent-settings";

    public AgentSettingsFactory() {
        super(ID, "CASVP agent settings (recovery address attribute, security contact; never asked of users)",
                AgentSettings.SETTINGS);
    }
}
