package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;

import java.time.Duration;
import java.util.Map;

/** Settings of the {@code casvp-recovery-address} required action. */
final class RecoveryAddressConfig {

    static final String MAX_POSTPONES = "maxPostpones";
    static final String MANDATORY_ROLE = "mandatoryRole";
    static final String ATTRIBUTE = "secondaryAddressAttribute";
    static final String DEFAULT_ATTRIBUTE = "recoveryEmail";
    static final int DEFAULT_MAX_POSTPONES = 3;

    private final Map<String, String> values;

    RecoveryAddressConfig(RequiredActionConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** The realm's settings of the action, for code outside it (recovery, notices, "not me"). */
    static RecoveryAddressConfig ofRealm(RealmModel realm) {
        return new RecoveryAddressConfig(realm.getRequiredActionConfigByAlias(RecoveryAddressActionFactory.ID));
    }

    /** How many sign-ins the agent may say "later" before the address becomes mandatory (0: never). */
    int maxPostpones() {
        String raw = values.get(MAX_POSTPONES);
        if (raw != null && raw.trim().equals("0")) {
            return 0;
        }
        return StepSettings.positiveInt(values, MAX_POSTPONES, DEFAULT_MAX_POSTPONES, RecoveryAddressActionFactory.ID);
    }

    /** Agents with this role (realm role, or "client.role") may never postpone; empty: nobody. */
    String mandatoryRole() {
        return values.getOrDefault(MANDATORY_ROLE, "").trim();
    }

    String attribute() {
        String name = values.getOrDefault(ATTRIBUTE, DEFAULT_ATTRIBUTE).trim();
        return name.isEmpty() ? DEFAULT_ATTRIBUTE : name;
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
