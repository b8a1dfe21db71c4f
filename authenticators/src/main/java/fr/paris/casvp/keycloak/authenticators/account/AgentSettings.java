package fr.paris.casvp.keycloak.authenticators.account;

import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Map;
import java.util.Optional;

/**
 * The realm's settings about its agents, from {@code casvp-agent-settings}, read once per
 * request: the mailed code, the recovery steps, the device alerts, the lock notices and the
 * helpdesk all use the same attribute and the same contact, whichever flow a client uses.
 *
 * @param secondaryAddressAttribute the user attribute holding the recovery address
 * @param securityContact           told when an agent uses "this wasn't me" or is locked; empty: nobody
 */
public record AgentSettings(String secondaryAddressAttribute, String securityContact) {

    static final Setting<String> SECONDARY_ADDRESS_ATTRIBUTE = Setting.attribute("secondaryAddressAttribute",
            "recoveryEmail", "Recovery address attribute", "User profile attribute holding the agent's recovery "
                    + "(secondary) address; <name>Verified holds the address once the agent confirmed a code from "
                    + "it, <name>Postponed the sign-ins they said \"later\". Mailed codes, alerts and notices go there.");
    static final Setting<String> SECURITY_CONTACT = Setting.checked("securityContact",
            address -> SecondaryAddress.parse(address).isPresent(), "Security contact address",
            "Told by mail when an agent uses \"this wasn't me\" and when an account is locked. Empty: nobody.");
    static final Settings SETTINGS = Settings.of(AgentSettingsFactory.ID, SECONDARY_ADDRESS_ATTRIBUTE,
            SECURITY_CONTACT);

    /** The defaults, for a realm without {@code casvp-agent-settings} (e.g. the master realm). */
    public static final AgentSettings DEFAULTS = read(SETTINGS.read(Map.of()));

    public static AgentSettings of(KeycloakSession session, RealmModel realm) {
        return OncePerRequest.get(session, realm, "agentSettings", AgentSettings.class,
                () -> read(SETTINGS.read(realm.getRequiredActionConfigByAlias(AgentSettingsFactory.ID))));
    }

    private static AgentSettings read(Settings.Values saved) {
        return new AgentSettings(saved.get(SECONDARY_ADDRESS_ATTRIBUTE), saved.get(SECURITY_CONTACT));
    }

    /** The agent's verified recovery address, if they have one. */
    public Optional<String> recoveryAddress(UserModel user) {
        return SecondaryAddress.of(user, secondaryAddressAttribute);
    }

    public Optional<String> contact() {
        return securityContact.isEmpty() ? Optional.empty() : Optional.of(securityContact);
    }
}
