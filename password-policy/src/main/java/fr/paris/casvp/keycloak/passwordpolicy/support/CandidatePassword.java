package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.keycloak.policy.PolicyError;

import java.text.Normalizer;
import java.util.function.Function;

/**
 * A password as every bundle policy sees it: NFC-normalised (so "é" typed as one or
 * two code points is the same password) and checked once for input no policy should
 * process: longer than {@link #MAX_CODE_POINTS_CHECKED}, control characters, or
 * unpaired surrogates. Those get a clear refusal before any costly work, so a 1 MB
 * password costs microseconds.
 */
public final class CandidatePassword {

    /**
     * Policies stop at this length: well above the realm's maximum (128 by default,
     * whose own message tells the agent the limit) and small enough to bound every check.
     */
    public static final int MAX_CODE_POINTS_CHECKED = 4096;

    /** Why a password cannot be checked at all. */
    public enum Unusable {
        TOO_LONG, CONTROL_CHARACTER, MALFORMED
    }

    private final String text;
    private final Unusable unusable;

    private CandidatePassword(String text, Unusable unusable) {
        this.text = text;
        this.unusable = unusable;
    }

    public static CandidatePassword of(String raw) {
        if (raw == null) {
            return new CandidatePassword("", null);
        }
        // Cheap bound first: a code point is at most two chars.
        if (raw.length() > 2 * MAX_CODE_POINTS_CHECKED) {
            return new CandidatePassword("", Unusable.TOO_LONG);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(i + 1))) {
                    return new CandidatePassword("", Unusable.MALFORMED);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return new CandidatePassword("", Unusable.MALFORMED);
            } else if (Character.isISOControl(c)) {
                return new CandidatePassword("", Unusable.CONTROL_CHARACTER);
            }
        }
        String normalised = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (normalised.codePointCount(0, normalised.length()) > MAX_CODE_POINTS_CHECKED) {
            return new CandidatePassword("", Unusable.TOO_LONG);
        }
        return new CandidatePassword(normalised, null);
    }

    /**
     * The first step of every bundle policy: the refusal of a password that cannot be checked
     * at all, else {@code rule}'s verdict on the checkable one.
     */
    public static PolicyError check(String raw, Function<CandidatePassword, PolicyError> rule) {
        CandidatePassword candidate = of(raw);
        return candidate.unusable == null ? rule.apply(candidate) : candidate.unusableError();
    }

    /** The NFC form; empty when {@link #unusable()} is set. */
    public String text() {
        return text;
    }

    /** Null when the password can be checked. */
    public Unusable unusable() {
        return unusable;
    }

    /**
     * The refusal for an unusable password (message keys in the casvp login theme),
     * or null when the password can be checked.
     */
    public PolicyError unusableError() {
        if (unusable == null) {
            return null;
        }
        return switch (unusable) {
            case TOO_LONG -> new PolicyError("casvp.passwordPolicy.tooLong", MAX_CODE_POINTS_CHECKED);
            case CONTROL_CHARACTER -> new PolicyError("casvp.passwordPolicy.controlCharacter");
            case MALFORMED -> new PolicyError("casvp.passwordPolicy.malformed");
        };
    }

    public int codePoints() {
        return text.codePointCount(0, text.length());
    }
}
