package fr.paris.casvp.keycloak.it.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One leg: a variant run by every worker at once. Besides the times of the tries that counted,
 * it keeps what the server process used meanwhile (CPU time, split by kind of thread), how busy
 * the machine was, and when the leg ran (to match a profiler's samples to it).
 */
record Leg(int round, Variant variant, long[] nanos, int failures, List<String> failureSamples, long wallNanos,
              long serverCpuNanos, Map<ServerThreadsCpu.Kind, Long> threadCpuNanos, double loadAfter,
              int otherServers, Instant started, Instant ended) {

    LatencyFigures figures() {
        return LatencyFigures.of(nanos, wallNanos);
    }
}
