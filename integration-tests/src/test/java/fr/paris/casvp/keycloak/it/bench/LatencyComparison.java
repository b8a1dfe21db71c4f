package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * The latency comparisons' one engine: a variant of the built-in browser flow against Keycloak's
 * own, on one server in one run, so that both meet the same machine. The {@link Scenario} named
 * by the first argument says what is compared: {@code devices} ({@link DeviceScenario}),
 * {@code lockout} ({@link LockoutScenario}) or {@code flow} ({@link FullFlowScenario}).
 *
 * <p>One Keycloak (its own unpacked distribution under {@code target/bench-keycloak}, the
 * {@code casvp.bench.home} the Maven profile passes, with the bundle in {@code providers/})
 * serves the scenario's realm {@code bench}. After the scenario's unmeasured first steps, each
 * round runs one leg per variant, in an order that rotates from round to round so that machine
 * noise hits every variant alike; warm-up rounds ({@code casvp.bench.warmupRounds}) are not
 * counted. In a leg, {@code casvp.bench.workers} workers, released together, each run their
 * tries back to back; a leg's wall time runs from that release until the last worker ends.
 * Around each leg the engine reads the server process's CPU time, by kind of thread
 * ({@link ServerThreadsCpu}), and the machine's load. The Markdown report is printed and written
 * to {@code target/bench/}.
 *
 * <p>Run through Maven, after {@code mvn -B -q install -DskipTests} at the top level:
 * {@code mvn -B -Pbench-devices -pl integration-tests verify}, {@code -Pbench-lockout} or
 * {@code -Pbench-flow}.
 */
public final class LatencyComparison {

    private final Scenario scenario;
    private final Counts counts;
    private final DistributionKeycloak server;
    private final Workers workers;
    private final int labelWidth;

    private LatencyComparison(Scenario scenario, DistributionKeycloak server, Workers workers) {
        this.scenario = scenario;
        this.counts = scenario.counts();
        this.server = server;
        this.workers = workers;
        this.labelWidth = scenario.variants().stream().mapToInt(v -> v.label().length()).max().orElse(0) + 1;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Name the comparison: devices, lockout or flow");
        }
        run(args[0], scenario(args[0]));
    }

    private static Scenario scenario(String name) {
        return switch (name) {
            case "devices" -> new DeviceScenario();
            case "lockout" -> new LockoutScenario();
            case "flow" -> new FullFlowScenario();
            default -> throw new IllegalArgumentException("No comparison " + name + ": devices, lockout or flow");
        };
    }

    private static void run(String name, Scenario scenario) throws Exception {
        String command = "mvn -B -Pbench-" + name + " -pl integration-tests verify";
        Path home = Paths.get(BenchEnvironment.required("casvp.bench.home", command)).toAbsolutePath().normalize();
        Path output = Files.createDirectories(ItSettings.outputDir());
        double loadBefore = BenchEnvironment.loadAverage();
        Instant started = Instant.now();

        GreenMail mail = BenchEnvironment.mailCatcher();
        String report;
        try (scenario) {
            Legs legs;
            try (DistributionKeycloak server = BenchEnvironment.startServer(home, output, mail,
                    scenario.prepare(output));
                 Workers workers = new Workers(scenario.counts().workers(), server.baseUrl(), scenario.userAgent())) {
                scenario.setUp(server, mail);
                LatencyComparison bench = new LatencyComparison(scenario, server, workers);
                legs = bench.run();
                report = bench.report(legs, started, loadBefore);
            } // the server stops here, and a profiler writes its recording
            report += scenario.afterServer(legs, output);
        } finally {
            mail.stop();
        }
        System.out.println();
        System.out.print(report);
        Path file = output.resolve(scenario.reportFile());
        Files.writeString(file, report);
        System.out.println("Written to " + file);
    }

    private Legs run() throws InterruptedException {
        scenario.prime(workers);
        for (int w = 1; w <= counts.warmupRounds(); w++) {
            for (Variant variant : order(w - 1)) {
                leg("warm-up " + w, -w, variant);
            }
        }
        List<Leg> counted = new ArrayList<>();
        for (int round = 1; round <= counts.rounds(); round++) {
            for (Variant variant : order(round - 1)) {
                counted.add(leg("round " + round + "/" + counts.rounds(), round, variant));
            }
        }
        scenario.afterRounds();
        return new Legs(counted);
    }

    /** The variants in a rotated order: each takes each position equally often (with two, they alternate). */
    private List<Variant> order(int round) {
        List<Variant> variants = scenario.variants();
        List<Variant> order = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            order.add(variants.get((i + round) % variants.size()));
        }
        return order;
    }

    /** Runs one leg (round &lt; 0: warm-up), lets the scenario take it into account, and logs it. */
    private Leg leg(String name, int round, Variant variant) throws InterruptedException {
        scenario.beforeLeg(round, variant);
        int others = BenchEnvironment.otherKeycloakServers(server.pid()).size();
        int perWorker = counts.perWorker();
        long[][] times = new long[workers.count()][];
        int[] failures = new int[workers.count()];
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> futures = workers.start((worker, browser) -> {
            long[] mine = new long[perWorker];
            int ok = 0;
            go.await();
            for (int i = 0; i < perWorker; i++) {
                Scenario.Outcome outcome = scenario.attempt(browser, worker, variant);
                if (outcome.ok()) {
                    mine[ok++] = outcome.nanos();
                } else {
                    failures[worker]++;
                    if (samples.size() < 5) {
                        samples.add(outcome.failure());
                    }
                }
            }
            times[worker] = Arrays.copyOf(mine, ok);
        });
        long cpuBefore = BenchEnvironment.cpuNanos(server.pid());
        Map<ServerThreadsCpu.Kind, Long> threadsBefore = ServerThreadsCpu.read(server.pid());
        Instant started = Instant.now();
        long start = System.nanoTime();
        go.countDown();
        BenchEnvironment.awaitWorkers(futures, Workers.TRY_BOUND.multipliedBy(perWorker));
        long wall = System.nanoTime() - start;
        Instant ended = Instant.now();
        long cpu = BenchEnvironment.cpuNanos(server.pid()) - cpuBefore;
        Map<ServerThreadsCpu.Kind, Long> threads = ServerThreadsCpu.difference(threadsBefore,
                ServerThreadsCpu.read(server.pid()));
        Leg leg = new Leg(round, variant, Arrays.stream(times).flatMapToLong(Arrays::stream).toArray(),
                Arrays.stream(failures).sum(), List.copyOf(samples), wall, cpu, threads,
                BenchEnvironment.loadAverage(), others, started, ended);
        String details = scenario.afterLeg(leg);
        LatencyFigures f = leg.figures();
        System.out.printf("%-12s %-" + labelWidth + "s %4d ok %3d failed  p50 %7.1f ms  p95 %7.1f ms%s%s%n", name,
                variant.label(), f.count(), leg.failures(), f.p50(), f.p95(), details,
                samples.isEmpty() ? "" : "  e.g. " + samples.get(0));
        return leg;
    }

    private String report(Legs legs, Instant started, double loadBefore) throws IOException {
        StringBuilder md = new StringBuilder("# ").append(scenario.title()).append("\n\n");
        md.append(String.format("Keycloak %s distribution with the bundle, one server, realm `bench`; %s.%n%n",
                ItSettings.keycloakVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        md.append(scenario.figures(legs));
        md.append(BenchEnvironment.machineRows(loadBefore, server.startupMillis(), scenario.database()));
        md.append(scenario.runRows());
        md.append(String.format("| duration | %d s |%n", Duration.between(started, Instant.now()).toSeconds()));
        return md.toString();
    }
}
