package fr.paris.casvp.keycloak.authenticators.otp;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Settings of the {@code casvp-email-otp} step; the address the code goes to is the realm's
 * recovery address attribute ({@link fr.paris.casvp.keycloak.authenticators.account.AgentSettings}).
 *
 * @param length       digits of a code, never fewer than 6
 * @param codesPerHour codes mailed to one agent per hour, resends and new sign-ins together
 */
record EmailCodeConfig(int length, Duration lifetime, int maxTries, Duration resendAfter, int codesPerHour) {

    static final Setting<Integer> LENGTH = Setting.count("codeLength", 6, "Code digits", "Digits of a code (6 at least).");
    static final Setting<Duration> LIFETIME = Setting.duration("lifetimeSeconds", ChronoUnit.SECONDS, 300,
            "Code lifetime (seconds)", "How long a code works.");
    static final Setting<Integer> MAX_TRIES = Setting.count("maxTries", 5, "Tries per code",
            "Wrong tries after which a code no longer works, whatever the realm's brute-force settings.");
    static final Setting<Duration> RESEND_AFTER = Setting.duration("resendSeconds", ChronoUnit.SECONDS, 30,
            "New code after (seconds)", "How long before the agent may ask for a new code.");
    static final Setting<Integer> CODES_PER_HOUR = Setting.count("codesPerHour", 5, "Codes per hour",
            "Codes mailed to one agent in an hour, new codes and new sign-ins together; beyond it the agent is told "
                    + "to wait or use another way (app, security key, helpdesk), so that codes cannot be guessed by "
                    + "asking for fresh ones.");
    static final Settings SETTINGS = Settings.of(EmailCodeFormFactory.ID, LENGTH, LIFETIME, MAX_TRIES, RESEND_AFTER,
            CODES_PER_HOUR);

    static EmailCodeConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        return new EmailCodeConfig(Math.max(6, saved.get(LENGTH)), saved.get(LIFETIME), saved.get(MAX_TRIES),
                saved.get(RESEND_AFTER), saved.get(CODES_PER_HOUR));
    }
}
