package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Settings of the {@code casvp-recovery-address} required action; the attribute the address
 * is kept in is the realm's ({@link fr.paris.casvp.keycloak.authenticators.account.AgentSettings}).
 *
 * @param maxPostpones  how many sign-ins the agent may say "later" before the address becomes mandatory (0: never)
 * @param mandatoryRole agents with this role (realm role, or "client.role") may never postpone; empty: nobody
 * @param attribute     the realm's recovery address attribute
 */
record RecoveryAddressConfig(int maxPostpones, String mandatoryRole, String attribute) {

    static final Setting<Integer> MAX_POSTPONES = Setting.countOrZero("maxPostpones", 3, "Times the agent may postpone",
            "Sign-ins at which the agent may answer \"later\" before adding the address becomes mandatory"
                    + " (0: mandatory at once).");
    static final Setting<String> MANDATORY_ROLE = Setting.role("mandatoryRole", "Mandatory for role",
            "Agents with this role can never postpone (realm role, or client-id.role). Empty: nobody.");
    static final Settings SETTINGS = Settings.of(RecoveryAddressActionFactory.ID, MAX_POSTPONES, MANDATORY_ROLE);
    /** With Keycloak's "maximum age of authentication" for an application-initiated change (default 0: sign in again). */
    static final List<ProviderConfigProperty> PROPERTIES = Stream.concat(
            SETTINGS.properties().stream(),
            RequiredActionFactory.getMaxAuthAgePropertyConfig().stream()).toList();

    static RecoveryAddressConfig of(RequiredActionConfigModel model, AgentSettings agents) {
        Settings.Values saved = SETTINGS.read(model);
        return new RecoveryAddressConfig(saved.get(MAX_POSTPONES), saved.get(MANDATORY_ROLE),
                agents.secondaryAddressAttribute());
    }

    int codeLength() {
        return 6;
    }

    Duration codeLifetime() {
        return Duration.ofMinutes(10);
    }

    int maxTries() {
        return 5;
    }

    Duration resendAfter() {
        return Duration.ofSeconds(30);
    }
}
