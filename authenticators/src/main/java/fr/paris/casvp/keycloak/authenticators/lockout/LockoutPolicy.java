package fr.paris.casvp.keycloak.authenticators.lockout;

import java.time.Duration;

/**
 * The CNIL "case 2" timings, applied to one counter (an agent's known browser, or all
 * the browsers they have never signed in from): after {@code delayAfter} consecutive
 * failures each further try waits {@code delay}; after {@code lockAfter} consecutive
 * failures the counter is locked for {@code lockDuration}; at most {@code maxPerWindow}
 * failures per {@code window}. Pure arithmetic on {@link CounterState}; times in ms.
 */
public record LockoutPolicy(int delayAfter, Duration delay, int lockAfter, Duration lockDuration, int maxPerWindow,
                            Duration window) {

    public static final LockoutPolicy CNIL_CASE_2 = new LockoutPolicy(5, Duration.ofSeconds(90), 10,
            Duration.ofHours(1), 25, Duration.ofHours(24));

    /** Until when (ms) tries are refused; 0 when a try is allowed now. */
    public long blockedUntil(CounterState state, long now) {
        return state.blockedUntil() > now ? state.blockedUntil() : 0;
    }

    /** The counter after a wrong password at {@code now}. */
    public CounterState afterFailure(CounterState state, long now) {
        boolean newWindow = state.windowFailures() == 0 || now - state.windowStart() >= window.toMillis();
        long windowStart = newWindow ? now : state.windowStart();
        int inWindow = (newWindow ? 0 : state.windowFailures()) + 1;
        int consecutive = state.consecutive() + 1;
        long blockedUntil = 0;
        boolean locked = false;
        if (inWindow >= maxPerWindow) {
            blockedUntil = windowStart + window.toMillis();
            locked = true;
        } else if (consecutive >= lockAfter) {
            blockedUntil = now + lockDuration.toMillis();
            locked = true;
        } else if (consecutive >= delayAfter) {
            blockedUntil = now + delay.toMillis();
        }
        long lockedAt = locked ? (state.lockedAt() > 0 && state.blockedUntil() > now ? state.lockedAt() : now) : 0;
        return new CounterState(consecutive, windowStart, inWindow, blockedUntil, lockedAt);
    }

    /** The counter after a successful sign-in: consecutive failures forgotten, the day's count kept. */
    public CounterState afterSuccess(CounterState state) {
        return new CounterState(0, state.windowStart(), state.windowFailures(), 0, 0);
    }

    /**
     * One counter's state.
     *
     * @param lockedAt when the current lock (not a short delay) began, 0 when not locked
     */
    public record CounterState(int consecutive, long windowStart, int windowFailures, long blockedUntil,
                               long lockedAt) {
        public static final CounterState FRESH = new CounterState(0, 0, 0, 0, 0);

        public boolean locked(long now) {
            return lockedAt > 0 && blockedUntil > now;
        }
    }
}
