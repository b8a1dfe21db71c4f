package fr.paris.casvp.keycloak.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark JAR's entry point: one run that measures the bundle's password policies and
 * what stock Keycloak does with the same passwords, then writes the ratios docs/benchmarks.md quotes.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [JMH options, e.g. -wi 2 -w 2s -i 3 -r 3s -f 1]
 * </pre>
 * <ol>
 *   <li>builds (or reuses) the offline breached-hash files of 1 and 10 million hashes;</li>
 *   <li>measures, in this JVM, the heap an open offline file keeps, and the heap of
 *       casvp-blocklist against Keycloak's passwordBlacklist for the same words
 *       ({@link HeapFootprint});</li>
 *   <li>runs every benchmark of this package with JMH (one fresh JVM per benchmark, same
 *       options for all);</li>
 *   <li>prints the ratios and writes them to {@code bench-results.md} next to the JAR
 *       ({@code benchmarks/target/}), with JMH's raw results in {@code jmh-result.json}.</li>
 * </ol>
 * JMH's usual options all work (a benchmark name pattern, {@code -p hashes=1000000},
 * {@code -f 0} to run everything inside this one JVM, {@code -h}); {@code -Dcasvp.bench.heap=false}
 * skips the heap measurement.
 */
public final class PasswordPolicyBenchmarkRun {

    private PasswordPolicyBenchmarkRun() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Path outputDir = outputDir();
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("^" + PasswordPolicyBenchmarkRun.class.getPackageName().replace(".", "\\.") + "\\.");
        }
        if (!cli.getResult().hasValue()) {
            options.resultFormat(ResultFormatType.JSON).result(outputDir.resolve("jmh-result.json").toString());
        }

        List<Integer> sizes = offlineFileSizes(cli);
        System.out.println("# casvp: offline breached-hash files of " + sizes + " hashes are kept in "
                + BreachedFiles.dataDir() + " (built at first use, then reused)");
        List<HeapFootprint.OfflineFileHeap> heap = List.of();
        HeapFootprint.BlocklistHeap blocklistHeap = null;
        if (Boolean.parseBoolean(System.getProperty("casvp.bench.heap", "true"))) {
            heap = HeapFootprint.offlineFiles(sizes);
            heap.forEach(h -> System.out.printf("# casvp: heap kept by an open offline file of %,d hashes "
                    + "(%,d bytes on disk): %,d bytes%n", h.hashes(), h.fileBytes(), h.heapBytes()));
            blocklistHeap = HeapFootprint.blocklistVsPasswordBlacklist();
            System.out.printf("# casvp: heap for the %,d shipped blocklist words: casvp-blocklist %,d bytes, "
                            + "Keycloak passwordBlacklist %,d bytes, ratio %.2f%n", blocklistHeap.words(),
                    blocklistHeap.blocklistBytes(), blocklistHeap.passwordBlacklistBytes(), blocklistHeap.ratio());
        }

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Collection<RunResult> results = new Runner(options.build()).run();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        String conditions = loadBefore < 0 ? "" : String.format(Locale.ROOT,
                "System load average (1 min) %.2f before and %.2f after the JMH run, %d CPU(s); the benchmark "
                        + "itself counts for about 1: beyond that, other work on the machine preempts the measured "
                        + "thread and shows in the tails (p99 and above).", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        BenchmarkReport report = new BenchmarkReport(results, heap, blocklistHeap, conditions);
        String markdown = report.markdown();
        Path file = outputDir.resolve("bench-results.md");
        Files.writeString(file, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("# casvp: written to " + file);
    }

    /** The sizes of the lookup benchmark: its {@code @Param}, or {@code -p hashes=…}. */
    private static List<Integer> offlineFileSizes(CommandLineOptions cli) {
        List<Integer> sizes = new ArrayList<>();
        var given = cli.getParameter("hashes");
        if (given.hasValue()) {
            given.get().forEach(value -> sizes.add(Integer.parseInt(value.strip())));
        } else {
            sizes.add(1_000_000);
            sizes.add(10_000_000);
        }
        return sizes;
    }

    /** {@code casvp.bench.report.dir}, else the folder of the benchmark JAR (benchmarks/target). */
    private static Path outputDir() throws IOException {
        String configured = System.getProperty("casvp.bench.report.dir");
        Path dir = Path.of("target");
        if (configured != null && !configured.isBlank()) {
            dir = Path.of(configured);
        } else {
            CodeSource source = PasswordPolicyBenchmarkRun.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                try {
                    dir = Path.of(source.getLocation().toURI()).getParent(); // target/benchmarks.jar or target/classes
                } catch (URISyntaxException e) {
                    // keep ./target
                }
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }
}
