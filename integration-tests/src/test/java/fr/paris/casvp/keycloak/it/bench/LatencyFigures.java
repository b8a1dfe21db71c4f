package fr.paris.casvp.keycloak.it.bench;

import java.util.Arrays;

/**
 * The figures every latency comparison reports for a set of timed operations: nearest-rank
 * p50 and p95, mean and max in milliseconds, and operations per second of wall time (the
 * operations of concurrent workers divided by the time from the start signal until the last
 * worker finished).
 */
record LatencyFigures(int count, double p50, double p95, double mean, double max, double perSecond) {

    static LatencyFigures of(long[] nanos, long wallNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyFigures(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElseThrow() / 1e6,
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                wallNanos == 0 ? Double.NaN : sorted.length / (wallNanos / 1e9));
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; NaN when there are none. */
    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
