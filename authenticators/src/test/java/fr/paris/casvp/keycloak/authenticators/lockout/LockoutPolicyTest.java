package fr.paris.casvp.keycloak.authenticators.lockout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockoutPolicyTest {

    private static final LockoutPolicy CNIL = LockoutPolicy.CNIL_CASE_2;
    private static final long MINUTE = 60_000;

    private static LockoutPolicy.CounterState failures(LockoutPolicy policy, int count, long start, long spacing) {
        LockoutPolicy.CounterState state = LockoutPolicy.CounterState.FRESH;
        for (int i = 0; i < count; i++) {
            state = policy.afterFailure(state, start + i * spacing);
        }
        return state;
    }

    @Test
    void fourFailuresCostNothingTheFifthStartsADelayOfMoreThanAMinute() {
        long t0 = 1_000_000;
        assertEquals(0, CNIL.blockedUntil(failures(CNIL, 4, t0, 1000), t0 + 4000));
        LockoutPolicy.CounterState fifth = failures(CNIL, 5, t0, 1000);
        long blocked = CNIL.blockedUntil(fifth, t0 + 4000);
        assertTrue(blocked - (t0 + 4000) > MINUTE, "more than one minute");
        assertFalse(fifth.locked(t0 + 4000), "a delay, not a lock");
    }

    @Test
    void tenConsecutiveFailuresLock() {
        long t0 = 1_000_000;
        LockoutPolicy.CounterState state = failures(CNIL, 10, t0, 2 * MINUTE);
        long last = t0 + 9 * 2 * MINUTE;
        assertTrue(state.locked(last));
        assertEquals(last + Duration.ofHours(1).toMillis(), state.blockedUntil());
    }

    @Test
    void aSuccessForgetsConsecutiveFailuresButNotTheDailyCount() {
        LockoutPolicy.CounterState state = CNIL.afterSuccess(failures(CNIL, 4, 0, 1000));
        assertEquals(0, state.consecutive());
        assertEquals(4, state.windowFailures());
    }

    @ParameterizedTest(name = "{0} failures spread over the day -> locked until the day ends: {1}")
    @CsvSource({"24, false", "25, true"})
    void atMostTwentyFiveFailuresPerDay(int failures, boolean locked) {
        LockoutPolicy.CounterState state = LockoutPolicy.CounterState.FRESH;
        long t = 0;
        for (int i = 0; i < failures; i++) {
            state = CNIL.afterFailure(state, t);
            if (i % 4 == 3) {
                state = CNIL.afterSuccess(state); // the agent got in between: never 10 in a row
            }
            t += 10 * MINUTE;
        }
        assertEquals(locked, state.blockedUntil() == Duration.ofHours(24).toMillis());
    }

    @Test
    void aNewWindowStartsTheDailyCountAgain() {
        LockoutPolicy.CounterState state = failures(CNIL, 3, 0, MINUTE);
        LockoutPolicy.CounterState nextDay = CNIL.afterFailure(state, Duration.ofHours(25).toMillis());
        assertEquals(1, nextDay.windowFailures());
    }

    @ParameterizedTest
    @CsvSource(value = {"192.0.2.17|192.0.2.17", "2001:db8:1:2:3:4:5:6|2001:db8:1:2::/64",
            "[2001:db8:1:2::9]|2001:db8:1:2::/64", "::ffff:192.0.2.1|192.0.2.1", "not-an-ip|NONE"},
            delimiter = '|', nullValues = "NONE")
    void sprayingIsCountedPerIpv4AddressAndPerIpv6Slash64(String address, String source) {
        assertEquals(Optional.ofNullable(source), SourceThrottle.sourceOf(address));
    }
}
