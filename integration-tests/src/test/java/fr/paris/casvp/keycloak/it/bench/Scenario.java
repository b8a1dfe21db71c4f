package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one latency comparison is made of, for {@link LatencyComparison} to run: the realm it sets
 * up, the variants it compares, the try it times, what it does around the legs, and what its
 * report says. The engine owns everything else (server, workers, rounds, timing, the report's
 * frame), so that every comparison is measured the same way.
 *
 * <p>The engine calls, in this order: {@link #prepare}, {@link #setUp}, {@link #prime}; then for
 * each leg {@link #beforeLeg}, {@link #attempt} from every worker, {@link #afterLeg}; then
 * {@link #afterRounds}, the report, and once the server has stopped {@link #afterServer} and
 * {@link #close}.
 */
abstract class Scenario implements AutoCloseable {

    /** One timed try of a leg: its time, or why it does not count ({@code "user: reason"}). */
    record Outcome(long nanos, String failure) {

        static Outcome of(String user, long nanos, String failure) {
            return new Outcome(nanos, failure == null ? null : user + ": " + failure);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private final Counts counts;
    private final List<Variant> variants;
    private final String title;
    private final String reportFile;

    /**
     * @param variants   in the order of the first round; later rounds rotate it
     * @param title      the report's heading
     * @param reportFile the report's file name under {@code target/bench}
     */
    Scenario(Counts counts, List<Variant> variants, String title, String reportFile) {
        this.counts = counts;
        this.variants = List.copyOf(variants);
        this.title = title;
        this.reportFile = reportFile;
    }

    final Counts counts() {
        return counts;
    }

    final List<Variant> variants() {
        return variants;
    }

    final String title() {
        return title;
    }

    final String reportFile() {
        return reportFile;
    }

    /** The {@code User-Agent} the workers' browsers send; null for the HTTP client's own. */
    String userAgent() {
        return null;
    }

    /** Starts what runs beside the server (before it starts); returns what the server's environment adds. */
    Map<String, String> prepare(Path output) {
        return Map.of();
    }

    /** Sets the realm up on the started server. */
    abstract void setUp(DistributionKeycloak server, GreenMail mail) throws IOException;

    /** What must happen before the warm-up, not measured: first sign-ins, checks that both flows work. */
    abstract void prime(Workers workers) throws InterruptedException;

    /** Before a leg's workers are started (round &lt; 0: warm-up). */
    void beforeLeg(int round, Variant variant) throws InterruptedException {
    }

    /** One timed try, on a worker's own thread and browser. */
    abstract Outcome attempt(BrowserSignIn browser, int worker, Variant variant);

    /** Takes a finished leg into account; returns what the leg's log line adds. */
    abstract String afterLeg(Leg leg);

    /** After the last counted round, before the report. */
    void afterRounds() throws InterruptedException {
    }

    /** The report between its heading and the table of the machine and run: what was measured, figures, checks. */
    abstract String figures(Legs legs) throws IOException;

    /** The server's database, as the machine table names it. */
    String database() {
        return "dev-mem H2";
    }

    /** The rows the machine table adds for this comparison: users, workers, what was counted. */
    abstract String runRows();

    /** What the report adds once the server has stopped (a profiler's recording is complete then). */
    String afterServer(Legs legs, Path output) throws IOException {
        return "";
    }

    /** Stops what {@link #prepare} started. */
    @Override
    public void close() {
    }
}
