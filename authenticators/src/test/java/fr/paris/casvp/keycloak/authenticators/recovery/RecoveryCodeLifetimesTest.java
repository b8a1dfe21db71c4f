package fr.paris.casvp.keycloak.authenticators.recovery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helpdesk's code lasts 30 minutes and the hourly limit on mailed codes lifts after the
 * hour, even though the cluster-wide store forgets an entry's lifespan once it is rewritten.
 */
class RecoveryCodeLifetimesTest {

    private static final long NINE_O_CLOCK = Instant.parse("2026-11-27T09:00:00Z").toEpochMilli();
    private static final String KEY = "casvp-helpdesk-code:realm:agent";

    private final CacheLikeSingleUseStore store = new CacheLikeSingleUseStore(NINE_O_CLOCK);

    @Test
    void theHelpdeskCodeWorksOnceWithinThirtyMinutesTypedAnyWay() {
        String code = HelpdeskCodes.issue(store, KEY, store.now);
        store.advanceMinutes(29);
        String typed = code.replace("-", " ").toLowerCase(Locale.ROOT);
        assertTrue(HelpdeskCodes.consume(store, KEY, typed, store.now), "read out over the phone, typed in lower case");
        assertFalse(HelpdeskCodes.consume(store, KEY, code, store.now), "used once");
    }

    @Test
    void theHelpdeskCodeEndsAfterThirtyMinutesEvenAfterAWrongTry() {
        String code = HelpdeskCodes.issue(store, KEY, store.now);
        store.advanceMinutes(1);
        assertFalse(HelpdeskCodes.consume(store, KEY, "AAAA-AAAA-AAAA", store.now), "a typo");
        store.advanceMinutes(30);
        assertFalse(HelpdeskCodes.consume(store, KEY, code, store.now), "31 minutes after it was read out");
        assertNull(store.get(KEY), "and the ended code is gone from the store");
    }

    @Test
    void theFifthWrongTryEndsTheHelpdeskCode() {
        String code = HelpdeskCodes.issue(store, KEY, store.now);
        for (int i = 0; i < HelpdeskCodes.MAX_TRIES; i++) {
            assertFalse(HelpdeskCodes.consume(store, KEY, "AAAA-AAAA-AAAA", store.now));
        }
        assertFalse(HelpdeskCodes.consume(store, KEY, code, store.now), "even the right code, after five wrong ones");
    }

    @Test
    void theHourlyLimitOfMailedCodesLiftsAnHourAfterTheFirstCode() {
        String key = "casvp-recovery-codes:realm:agent";
        assertTrue(RecoveryCodeStep.underHourlyLimit(store, key, 3, store.now), "first code at 9:00");
        store.advanceMinutes(10);
        assertTrue(RecoveryCodeStep.underHourlyLimit(store, key, 3, store.now), "second at 9:10");
        store.advanceMinutes(10);
        assertTrue(RecoveryCodeStep.underHourlyLimit(store, key, 3, store.now), "third at 9:20");
        store.advanceMinutes(10);
        assertFalse(RecoveryCodeStep.underHourlyLimit(store, key, 3, store.now), "a fourth at 9:30: limit reached");
        store.advanceMinutes(31);
        assertNull(store.get(key), "at 10:01 the store has forgotten the count by itself");
        assertTrue(RecoveryCodeStep.underHourlyLimit(store, key, 3, store.now), "so a code can be sent again");
        assertEquals("1", store.get(key).get("count"), "and a new hour begins");
    }
}
