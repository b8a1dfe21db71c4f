package fr.paris.casvp.keycloak.authenticators.expiry;

import java.time.Duration;

/**
 * What a password's age means for an admin account: fine, a warning with the days left,
 * or expired (a new password is required before going on). Agents' passwords never expire
 * (CNIL, NIST 800-63B); only accounts with the configured role do (ANSSI R24/R25).
 */
record PasswordAge(Verdict verdict, long daysLeft) {

    enum Verdict { FINE, WARN, EXPIRED }

    static PasswordAge of(long createdMillis, long nowMillis, Duration maxAge, Duration warnBefore) {
        long expiresAt = createdMillis + maxAge.toMillis();
        long left = expiresAt - nowMillis;
        if (left <= 0) {
            return new PasswordAge(Verdict.EXPIRED, 0);
        }
        long daysLeft = (left + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis();
        return left <= warnBefore.toMillis() ? new PasswordAge(Verdict.WARN, daysLeft) : new PasswordAge(Verdict.FINE, daysLeft);
    }
}
