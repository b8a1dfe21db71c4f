package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import org.keycloak.policy.PolicyError;
import org.passay.PasswordData;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.data.EnglishSequenceData;
import org.passay.data.SequenceData;
import org.passay.rule.IllegalSequenceRule;
import org.passay.rule.RepeatCharactersRule;
import org.passay.rule.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The patterns attackers try first, found with Passay's rules: keyboard runs on
 * AZERTY, QWERTY and QWERTZ, alphabetical and numerical runs (either direction,
 * any case), one character repeated, and a block typed twice in a row. Built once
 * per run length; thread-safe (Passay rules keep no state between calls).
 */
final class GuessablePatterns {

    static final String KEYBOARD = "casvp.passwordPolicy.sequence.keyboard";
    static final String ALPHABETICAL = "casvp.passwordPolicy.sequence.alphabetical";
    static final String NUMERICAL = "casvp.passwordPolicy.sequence.numerical";
    static final String REPEATED_CHARACTER = "casvp.passwordPolicy.sequence.repeatedCharacter";
    static final String REPEATED_BLOCK = "casvp.passwordPolicy.sequence.repeatedBlock";

    /** A repeated block is refused from this size, when the repetition is at least half the password. */
    static final int MIN_REPEATED_BLOCK = 3;

    private record Check(Rule rule, String messageKey) {
    }

    private final List<Check> checks = new ArrayList<>();

    GuessablePatterns(int run) {
        // Most specific message first: "1234" is a numerical run before being a keyboard row.
        checks.add(new Check(new IllegalSequenceRule(EnglishSequenceData.Numerical, run, false), NUMERICAL));
        checks.add(new Check(new IllegalSequenceRule(EnglishSequenceData.Alphabetical, run, false), ALPHABETICAL));
        checks.add(new Check(new RepeatCharactersRule(run, 1), REPEATED_CHARACTER));
        for (SequenceData layout : KeyboardLayout.values()) {
            checks.add(new Check(new IllegalSequenceRule(layout, run, false), KEYBOARD));
        }
    }

    /** The first pattern found in the (NFC) password, or null. */
    PolicyError find(String password) {
        PasswordData data = new PasswordData(password);
        for (Check check : checks) {
            RuleResult result = check.rule().validate(data);
            if (!result.isValid()) {
                return new PolicyError(check.messageKey(), shown(result.getDetails().get(0)));
            }
        }
        String block = repeatedBlock(password);
        return block == null ? null : new PolicyError(REPEATED_BLOCK, block);
    }

    /** The part of the password the message quotes, lower-cased as the agent would read it. */
    private static String shown(RuleResultDetail detail) {
        Object sequence = detail.getParameters().get("sequence");
        if (sequence == null) {
            Object matches = detail.getParameters().get("matches");
            sequence = matches instanceof List<?> list && !list.isEmpty() ? list.get(0) : "";
        }
        return sequence.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A block of at least {@value #MIN_REPEATED_BLOCK} characters typed twice in a row
     * (case-insensitive), covering at least half the password: "Abc123!Abc123!".
     * A word repeated inside a long passphrase is left to the entropy floor.
     */
    static String repeatedBlock(String password) {
        int[] cps = password.toLowerCase(Locale.ROOT).codePoints().toArray();
        int n = cps.length;
        // Largest blocks first; each size is one linear pass: a run of "size" positions
        // where cps[i] == cps[i + size] is a block followed by its copy. O(n²) overall.
        for (int size = n / 2; size >= MIN_REPEATED_BLOCK && 4 * size >= n; size--) {
            int run = 0;
            for (int i = 0; i + size < n; i++) {
                run = cps[i] == cps[i + size] ? run + 1 : 0;
                if (run == size) {
                    return new String(cps, i - size + 1, size);
                }
            }
        }
        return null;
    }
}
