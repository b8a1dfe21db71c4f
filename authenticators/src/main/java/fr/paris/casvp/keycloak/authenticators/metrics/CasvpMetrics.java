package fr.paris.casvp.keycloak.authenticators.metrics;

import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.models.RealmModel;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Every meter the bundle's sign-in steps publish, in one place: what ops see on Keycloak's
 * management interface ({@code /metrics} on port 9000, with {@code --metrics-enabled=true}).
 * Like Keycloak's own user-event metrics, they go to Micrometer's global registry, which
 * Keycloak wires to its Prometheus endpoint; with metrics off that registry is empty and
 * recording costs next to nothing.
 *
 * <p>Tags are few and bounded: the realm's name and fixed words of the bundle (a verdict, a
 * scope, a mail kind, an outcome). Never a username, an address, a device or a code.
 */
public final class CasvpMetrics {

    /** {@code casvp_sign_ins_total{realm, verdict}}: completed sign-ins by device verdict. */
    public static final String SIGN_INS = "casvp.sign.ins";
    /** {@code casvp_lockout_locks_total{realm, scope}}: locks that began (a browser scope of an agent). */
    public static final String LOCKS = "casvp.lockout.locks";
    /** {@code casvp_source_throttled_total{realm}}: tries refused because their source sprayed passwords. */
    public static final String SOURCE_THROTTLED = "casvp.source.throttled";
    /** {@code casvp_codes_total{realm, purpose, outcome}}: one-time codes mailed and checked. */
    public static final String CODES = "casvp.codes";
    /** {@code casvp_mails_total{realm, kind, outcome}}: mails queued after commit, sent, failed or dropped. */
    public static final String MAILS = "casvp.mails";
    /** {@code casvp_mails_pending}: this node's mails waiting for the mail server. */
    public static final String MAILS_PENDING = "casvp.mails.pending";

    /** What the device step found: the {@code verdict} tag of {@link #SIGN_INS}. */
    public enum Verdict {
        /** The agent's first browser ever: remembered, no alert. */
        FIRST_DEVICE,
        KNOWN_DEVICE,
        NEW_DEVICE,
        UNUSUAL_NETWORK,
        NEW_DEVICE_UNUSUAL_NETWORK;

        public static Verdict of(boolean firstDevice, boolean knownDevice, boolean unusualNetwork) {
            if (firstDevice) {
                return FIRST_DEVICE;
            }
            if (knownDevice) {
                return unusualNetwork ? UNUSUAL_NETWORK : KNOWN_DEVICE;
            }
            return unusualNetwork ? NEW_DEVICE_UNUSUAL_NETWORK : NEW_DEVICE;
        }
    }

    /** What a one-time code is for: the {@code purpose} tag of {@link #CODES}. */
    public enum CodePurpose {
        /** {@code casvp-email-otp}: a second factor mailed to the recovery address. */
        SIGN_IN,
        /** Confirming a new recovery address. */
        RECOVERY_ADDRESS,
        /** "Mot de passe oublié ?". */
        FORGOT_PASSWORD,
        /** A code the helpdesk reads out by phone. */
        HELPDESK
    }

    /** The {@code outcome} tag of {@link #CODES}. */
    public enum CodeOutcome {
        /** Queued to be mailed (or, for the helpdesk, shown to the operator). */
        ISSUED,
        /** Not mailed: the agent's hourly limit is reached. */
        HOURLY_LIMIT,
        MATCHED,
        WRONG,
        EXPIRED,
        /** Typed after the code's tries were used up. */
        USED_UP
    }

    /** The {@code outcome} tag of {@link #MAILS}. */
    public enum MailOutcome {
        /** Handed to the mail executor once the request committed. */
        QUEUED,
        SENT,
        /** Given up after the retries (the event {@code casvp_mail_failed} says why). */
        FAILED,
        /** Not even queued: too many mails already wait on this node, or the node is stopping. */
        DROPPED
    }

    private CasvpMetrics() {
    }

    public static void signIn(RealmModel realm, Verdict verdict) {
        count(SIGN_INS, "realm", name(realm), "verdict", tag(verdict));
    }

    /** {@code scope}: {@code known_browser} or {@code unknown_browsers}. */
    public static void lockBegan(RealmModel realm, boolean knownBrowser) {
        count(LOCKS, "realm", name(realm), "scope", knownBrowser ? "known_browser" : "unknown_browsers");
    }

    public static void sourceThrottled(RealmModel realm) {
        count(SOURCE_THROTTLED, "realm", name(realm));
    }

    public static void code(RealmModel realm, CodePurpose purpose, CodeOutcome outcome) {
        count(CODES, "realm", name(realm), "purpose", tag(purpose), "outcome", tag(outcome));
    }

    /** A typed code's outcome; nothing when no code was waiting. */
    public static void codeChecked(RealmModel realm, CodePurpose purpose, OneTimeCode.Outcome outcome) {
        CodeOutcome recorded = switch (outcome) {
            case NONE -> null;
            case MATCHED -> CodeOutcome.MATCHED;
            case WRONG, WRONG_LAST -> CodeOutcome.WRONG;
            case EXPIRED -> CodeOutcome.EXPIRED;
            case USED_UP -> CodeOutcome.USED_UP;
        };
        if (recorded != null) {
            code(realm, purpose, recorded);
        }
    }

    /** {@code kind}: the bundle's fixed name of the mail ({@code new_device_alert}, {@code email_code}, …). */
    public static void mail(String realmName, String kind, MailOutcome outcome) {
        count(MAILS, "realm", realmName == null ? "unknown" : realmName, "kind", kind, "outcome", tag(outcome));
    }

    /** Publishes this node's queue length of mails (registered once; later calls change nothing). */
    public static void mailsPending(IntSupplier pending) {
        Gauge.builder(MAILS_PENDING, pending, p -> p.getAsInt())
                .description("Mails of the CASVP bundle waiting for the mail server on this node")
                .strongReference(true)
                .register(registry());
    }

    private static void count(String name, String... tags) {
        Counter.builder(name).description(description(name)).tags(tags).register(registry()).increment();
    }

    /** The {@code # HELP} line ops read next to each series. */
    private static String description(String name) {
        return switch (name) {
            case SIGN_INS -> "Sign-ins through the CASVP flow by device verdict";
            case LOCKS -> "Locks that began, by the browsers they keep out";
            case SOURCE_THROTTLED -> "Sign-in tries refused to a source that sprayed passwords";
            case CODES -> "One-time codes mailed and typed codes, by purpose and outcome";
            case MAILS -> "Mails of the CASVP bundle by kind and outcome";
            default -> null;
        };
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    private static String name(RealmModel realm) {
        return realm == null ? "unknown" : realm.getName();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
