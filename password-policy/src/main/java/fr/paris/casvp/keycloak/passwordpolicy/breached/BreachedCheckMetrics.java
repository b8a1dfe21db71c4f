package fr.paris.casvp.keycloak.passwordpolicy.breached;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.Locale;

/**
 * The breached-password check's meters on Keycloak's management interface ({@code /metrics}),
 * in Micrometer's global registry as Keycloak's own metrics. This module does not depend on
 * {@code authenticators}, whose {@code CasvpMetrics} holds the other {@code casvp_} meters.
 * Tags: the realm's name, where the answer came from, and the result — never the password,
 * its hash or prefix, nor the user.
 */
final class BreachedCheckMetrics {

    /** {@code casvp_breached_checks_total{realm, source, result}}. */
    static final String CHECKS = "casvp.breached.checks";
    /** {@code casvp_breached_check_duration_seconds{source, result}}: a lookup's wait, cache hits included. */
    static final String DURATION = "casvp.breached.check.duration";

    /** The {@code result} tag: not found, found, or no answer (the policy's {@code onError} decided). */
    enum Result { OK, BREACHED, UNAVAILABLE }

    /** The {@code source} tag: the range API or the offline file. */
    enum Source { API, OFFLINE }

    /** Buckets around the range API's usual answer (tens of ms) up to the largest allowed timeout. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5)};

    private BreachedCheckMetrics() {
    }

    static void record(RealmModel realm, Source source, Result result, long nanos) {
        String sourceTag = source.name().toLowerCase(Locale.ROOT);
        String resultTag = result.name().toLowerCase(Locale.ROOT);
        Counter.builder(CHECKS)
                .description("Breached-password checks by result")
                .tag("realm", realm == null ? "unknown" : realm.getName())
                .tag("source", sourceTag)
                .tag("result", resultTag)
                .register(Metrics.globalRegistry)
                .increment();
        Timer.builder(DURATION)
                .description("How long a breached-password check waited for its answer")
                .tag("source", sourceTag)
                .tag("result", resultTag)
                .serviceLevelObjectives(BUCKETS)
                .register(Metrics.globalRegistry)
                .record(Duration.ofNanos(nanos));
    }
}
