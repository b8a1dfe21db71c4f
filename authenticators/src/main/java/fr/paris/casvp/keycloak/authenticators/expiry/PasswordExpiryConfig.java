package fr.paris.casvp.keycloak.authenticators.expiry;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Settings of the {@code casvp-password-expiry} step.
 *
 * @param role role whose holders' passwords expire: {@code role} or {@code client.role}
 */
record PasswordExpiryConfig(String role, Duration maxAge, Duration warnBefore) {

    static final Setting<String> ROLE = Setting.name("role", "realm-management.realm-admin",
            "Role whose passwords expire", "A realm role, or client.role (e.g. realm-management.realm-admin). "
                    + "Holders of this role, directly or through a group or composite, have expiring passwords; "
                    + "nobody else does.");
    static final Setting<Duration> MAX_AGE = Setting.duration("maxAgeDays", ChronoUnit.DAYS, 365,
            "Maximum password age (days)", "After this, a new password is required at sign-in.");
    static final Setting<Duration> WARN_BEFORE = Setting.duration("warnDays", ChronoUnit.DAYS, 14,
            "Warn before (days)", "From this many days before expiry, sign-in shows the days left with "
                    + "\"change now\" and \"later\".");
    static final Settings SETTINGS = Settings.of(PasswordExpiryFactory.ID, ROLE, MAX_AGE, WARN_BEFORE);

    static PasswordExpiryConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        return new PasswordExpiryConfig(saved.get(ROLE), saved.get(MAX_AGE), saved.get(WARN_BEFORE));
    }
}
