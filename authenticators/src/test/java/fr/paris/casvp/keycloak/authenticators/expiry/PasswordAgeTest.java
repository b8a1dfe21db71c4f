package fr.paris.casvp.keycloak.authenticators.expiry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PasswordAgeTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @ParameterizedTest(name = "a password {0} days old -> {1}, {2} days left")
    @CsvSource({
            "0,   FINE,    365",
            "350, FINE,    15",
            "351, WARN,    14",
            "364, WARN,    1",
            "365, EXPIRED, 0",
            "900, EXPIRED, 0"})
    void adminPasswordsWarnFourteenDaysAheadAndExpireAfterAYear(long ageDays, PasswordAge.Verdict verdict, long daysLeft) {
        long now = 1_000 * DAY;
        PasswordAge age = PasswordAge.of(now - ageDays * DAY, now, Duration.ofDays(365), Duration.ofDays(14));
        assertEquals(verdict, age.verdict());
        assertEquals(daysLeft, age.daysLeft());
    }
}
