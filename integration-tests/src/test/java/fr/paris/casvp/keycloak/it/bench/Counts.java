package fr.paris.casvp.keycloak.it.bench;

/**
 * How much a latency comparison runs: rounds counted, warm-up rounds not counted, concurrent
 * workers, timed tries per worker and leg, users. Each count can be changed with a system
 * property ({@code -Dcasvp.bench.rounds=…}); each comparison has its own defaults and its own
 * name for the tries per worker ({@code signInsPerWorker}, {@code attemptsPerWorker}).
 */
record Counts(int rounds, int warmupRounds, int workers, int perWorker, int users) {

    /** These counts as defaults, each replaced by its system property when set. */
    Counts fromSystemProperties(String perWorkerKey) {
        return new Counts(
                BenchEnvironment.positive("casvp.bench.rounds", rounds),
                Math.max(0, Integer.getInteger("casvp.bench.warmupRounds", warmupRounds)),
                BenchEnvironment.positive("casvp.bench.workers", workers),
                BenchEnvironment.positive(perWorkerKey, perWorker),
                BenchEnvironment.positive("casvp.bench.users", users));
    }

    /** Tries per variant over the counted rounds. */
    int countedPerVariant() {
        return rounds * workers * perWorker;
    }
}
