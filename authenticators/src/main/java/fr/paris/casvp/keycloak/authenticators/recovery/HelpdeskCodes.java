package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.support.ExpiringEntries;
import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One-time recovery codes the helpdesk reads out to an agent after checking who they are:
 * one per agent at a time (a new one replaces the old), valid 30 minutes, five tries,
 * used once. Kept hashed in Keycloak's cluster-wide single-use store, never in clear, with
 * its own end (see {@link ExpiringEntries}).
 */
public final class HelpdeskCodes {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX_TRIES = 5;
    /** No 0/O, 1/I/L: the code is read out over the phone. */
    private static final char[] READABLE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int GROUPS = 3;
    private static final int GROUP_LENGTH = 4;

    private HelpdeskCodes() {
    }

    /** A new code for this agent, replacing any earlier one; returned once, stored hashed. */
    public static String issue(KeycloakSession session, RealmModel realm, UserModel user) {
        String code = issue(session.singleUseObjects(), key(realm, user), Time.currentTimeMillis());
        CasvpMetrics.code(realm, CasvpMetrics.CodePurpose.HELPDESK, CasvpMetrics.CodeOutcome.ISSUED);
        return code;
    }

    static String issue(SingleUseObjectProvider store, String key, long now) {
        String raw = SecretGenerator.getInstance().randomString(GROUPS * GROUP_LENGTH, READABLE);
        String salt = SecretGenerator.getInstance().randomBytesHex(16);
        Map<String, String> notes = new HashMap<>();
        notes.put("salt", salt);
        notes.put("hash", OneTimeCode.hash(salt, raw));
        notes.put("tries", "0");
        ExpiringEntries.start(store, key, notes, LIFETIME, now);
        StringBuilder shown = new StringBuilder();
        for (int group = 0; group < GROUPS; group++) {
            shown.append(group == 0 ? "" : "-").append(raw, group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH);
        }
        return shown.toString();
    }

    /** True once for the right code within its lifetime; a wrong try is counted, the fifth ends the code. */
    static boolean consume(KeycloakSession session, RealmModel realm, UserModel user, String attempt) {
        return consume(session.singleUseObjects(), key(realm, user), attempt, Time.currentTimeMillis());
    }

    static boolean consume(SingleUseObjectProvider store, String key, String attempt, long now) {
        Map<String, String> notes = ExpiringEntries.live(store, key, now).orElse(null);
        if (notes == null || notes.get("salt") == null || notes.get("hash") == null) {
            return false;
        }
        byte[] expected = notes.get("hash").getBytes(StandardCharsets.US_ASCII);
        byte[] actual = OneTimeCode.hash(notes.get("salt"), normalise(attempt)).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, actual)) {
            // remove() succeeds for one caller only, even on two nodes at once
            return store.remove(key) != null;
        }
        int tries = Integer.parseInt(notes.getOrDefault("tries", "0")) + 1;
        if (tries >= MAX_TRIES) {
            store.remove(key);
        } else {
            // replace(), not a put(): it never brings back a code another request has just used.
            // The cache then keeps the entry past its lifespan, but the code's own end still holds.
            Map<String, String> counted = new HashMap<>(notes);
            counted.put("tries", Integer.toString(tries));
            store.replace(key, counted);
        }
        return false;
    }

    /** Helpdesk codes have letters; mailed codes are digits only. */
    static boolean looksLikeHelpdeskCode(String attempt) {
        return attempt != null && attempt.chars().anyMatch(Character::isLetter);
    }

    /** What the agent types: any case, with or without dashes and spaces. */
    static String normalise(String attempt) {
        return attempt == null ? "" : attempt.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String key(RealmModel realm, UserModel user) {
        return "casvp-helpdesk-code:" + realm.getId() + ":" + user.getId();
    }
}
