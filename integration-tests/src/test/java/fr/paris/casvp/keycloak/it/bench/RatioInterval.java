package fr.paris.casvp.keycloak.it.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * How precisely a run measured a casvp / stock ratio: a percentile bootstrap over rounds.
 * Rounds are drawn with replacement (each round keeps its two legs together, since both ran
 * under the same machine state), the drawn legs pooled per variant, and the ratio computed
 * again; the 2.5th and 97.5th percentiles of 2,000 such ratios bound a 95 % interval. The
 * seed is fixed, so the same legs always give the same interval.
 */
record RatioInterval(double low, double high) {

    private static final int RESAMPLES = 2_000;
    private static final long SEED = 20_261_127L;

    /** One round: the sign-in times (ns) and wall time (ns) of each variant's leg. */
    record Round(long[] stockNanos, long stockWall, long[] casvpNanos, long casvpWall) {
    }

    static RatioInterval ofP50(List<Round> rounds) {
        return of(rounds, f -> f.p50());
    }

    static RatioInterval ofThroughput(List<Round> rounds) {
        return of(rounds, f -> f.perSecond());
    }

    private static RatioInterval of(List<Round> rounds, ToDoubleFunction<LatencyFigures> figure) {
        if (rounds.isEmpty()) {
            return new RatioInterval(Double.NaN, Double.NaN);
        }
        Random random = new Random(SEED);
        double[] ratios = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            Round[] drawn = new Round[rounds.size()];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = rounds.get(random.nextInt(rounds.size()));
            }
            LatencyFigures stock = LatencyFigures.of(pooled(drawn, true), wall(drawn, true));
            LatencyFigures casvp = LatencyFigures.of(pooled(drawn, false), wall(drawn, false));
            ratios[b] = figure.applyAsDouble(casvp) / figure.applyAsDouble(stock);
        }
        Arrays.sort(ratios);
        return new RatioInterval(ratios[(int) (0.025 * RESAMPLES)], ratios[(int) (0.975 * RESAMPLES) - 1]);
    }

    private static long[] pooled(Round[] drawn, boolean stock) {
        return Arrays.stream(drawn).flatMapToLong(r -> Arrays.stream(stock ? r.stockNanos() : r.casvpNanos()))
                .toArray();
    }

    private static long wall(Round[] drawn, boolean stock) {
        return Arrays.stream(drawn).mapToLong(r -> stock ? r.stockWall() : r.casvpWall()).sum();
    }

    @Override
    public String toString() {
        return String.format("%.3f – %.3f", low, high);
    }
}
