package fr.paris.casvp.keycloak.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers docs/benchmarks.md needs, from one run: the bundle's cost against the Argon2 hash
 * stock Keycloak computes anyway, offline lookup latency per file size, the heap an open
 * file keeps, all as a Markdown page ({@code bench-results.md}).
 */
final class BenchmarkReport {

    static final double CHAIN_TARGET_PERCENT = 2.0;
    static final double LOOKUP_P99_TARGET_MICROS = 50.0;
    /** "Unchanged by file size": the heap kept differs by less than this between sizes. */
    static final long HEAP_SAME_BYTES = 64 * 1024;
    static final double BLOCKLIST_HEAP_TARGET_RATIO = 1.5;

    private static final String ARGON2 = "KeycloakArgon2Benchmark.keycloakArgon2Hash";
    private static final String CHAIN = "PasswordPolicyBenchmark.bundleChain";
    private static final String LOOKUP = "OfflineBreachedLookupBenchmark.offlineLookup";
    private static final String BLOCKLIST = "PasswordPolicyBenchmark.blocklist";
    private static final String PASSWORD_BLACKLIST = "KeycloakPasswordBlacklistBenchmark.keycloakPasswordBlacklist";

    /** One benchmark (with its parameters) in microseconds per check. */
    record Sample(String name, String params, long count, double p50, double p90, double p99, double p999,
                  double max) {
    }

    private final Map<String, Sample> samples = new LinkedHashMap<>();
    private final List<HeapFootprint.OfflineFileHeap> heap;
    private final HeapFootprint.BlocklistHeap blocklistHeap;
    private final BenchmarkParams settings;
    private final String conditions;

    /**
     * {@code blocklistHeap} may be null (not measured); {@code conditions}: one sentence on the
     * machine during the run (load), or empty.
     */
    BenchmarkReport(Collection<RunResult> results, List<HeapFootprint.OfflineFileHeap> heap,
                    HeapFootprint.BlocklistHeap blocklistHeap, String conditions) {
        this.heap = heap;
        this.blocklistHeap = blocklistHeap;
        this.conditions = conditions;
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
                .thenComparing(r -> r.getParams().toString()));
        BenchmarkParams first = null;
        for (RunResult result : sorted) {
            BenchmarkParams params = result.getParams();
            first = first == null ? params : first;
            String benchmark = params.getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            StringBuilder keys = new StringBuilder();
            for (String key : params.getParamsKeys()) {
                keys.append(keys.length() == 0 ? "" : ", ").append(key).append('=').append(params.getParam(key));
            }
            Statistics stats = result.getPrimaryResult().getStatistics();
            double toMicros = toMicros(result.getPrimaryResult().getScoreUnit());
            samples.put(key(name, keys.toString()), new Sample(name, keys.toString(), stats.getN(),
                    toMicros * stats.getPercentile(50), toMicros * stats.getPercentile(90),
                    toMicros * stats.getPercentile(99), toMicros * stats.getPercentile(99.9),
                    toMicros * stats.getMax()));
        }
        this.settings = first;
    }

    /** Factor from JMH's unit ({@code -tu} may change it) to microseconds per check. */
    private static double toMicros(String unit) {
        return switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns" -> 1e-3;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            case "min" -> 60e6;
            default -> 1.0;
        };
    }

    private static String key(String name, String params) {
        return params.isEmpty() ? name : name + " [" + params + "]";
    }

    Optional<Sample> sample(String name) {
        return Optional.ofNullable(samples.get(name));
    }

    /** Bundle chain p99 as a percentage of one Argon2 hash (p50). */
    Optional<Double> chainPercentOfArgon2() {
        return sample(CHAIN).flatMap(chain -> sample(ARGON2).map(argon2 -> 100 * chain.p99() / argon2.p50()));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Password policy benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run of %s on %s %s (%s), %d CPU(s), max heap %d MiB.%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                        .replaceAll("\\.\\d+", ""),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        if (settings != null) {
            md.append(String.format(Locale.ROOT, "JMH %s, Mode.SampleTime: warm-up %d × %s, measurement %d × %s, "
                            + "%d fork(s) per benchmark, %d thread(s).%n",
                    settings.getJmhVersion(), settings.getWarmup().getCount(), settings.getWarmup().getTime(),
                    settings.getMeasurement().getCount(), settings.getMeasurement().getTime(), settings.getForks(),
                    settings.getThreads()));
        }
        if (!conditions.isEmpty()) {
            md.append(conditions).append('\n');
        }
        md.append("Stock Keycloak yardstick: one password hash, ").append(KeycloakArgon2.describe()).append(".\n\n");

        md.append("## Targets\n\n");
        md.append("| what | measured | target | met |\n|---|---|---|---|\n");
        Optional<Double> chain = chainPercentOfArgon2();
        md.append(row("bundle chain p99 / Argon2 hash p50",
                chain.map(p -> String.format(Locale.ROOT, "%.3f %% (%s / %s)", p,
                        micros(samples.get(CHAIN).p99()), micros(samples.get(ARGON2).p50()))).orElse("not run"),
                "≤ " + fmt(CHAIN_TARGET_PERCENT) + " %", chain.map(p -> p <= CHAIN_TARGET_PERCENT)));
        for (Sample lookup : lookups()) {
            md.append(row("offline breached lookup p99, " + lookup.params(), micros(lookup.p99()),
                    "≤ " + fmt(LOOKUP_P99_TARGET_MICROS) + " µs",
                    Optional.of(lookup.p99() <= LOOKUP_P99_TARGET_MICROS)));
        }
        if (!heap.isEmpty()) {
            long least = heap.stream().mapToLong(HeapFootprint.OfflineFileHeap::heapBytes).min().orElse(0);
            long most = heap.stream().mapToLong(HeapFootprint.OfflineFileHeap::heapBytes).max().orElse(0);
            for (HeapFootprint.OfflineFileHeap h : heap) {
                md.append(row(String.format(Locale.ROOT, "heap kept by an open offline file, %,d hashes (%s on disk)",
                                h.hashes(), bytes(h.fileBytes())), bytes(h.heapBytes()),
                        "unchanged by file size (± " + bytes(HEAP_SAME_BYTES) + ")",
                        Optional.of(most - least <= HEAP_SAME_BYTES)));
            }
        }
        md.append(row("casvp-blocklist heap / Keycloak passwordBlacklist (Bloom filter, FPP 1e-4), same words",
                blocklistHeap == null ? "not measured" : String.format(Locale.ROOT, "%.2f (%s / %s, %,d words)",
                        blocklistHeap.ratio(), bytes(blocklistHeap.blocklistBytes()),
                        bytes(blocklistHeap.passwordBlacklistBytes()), blocklistHeap.words()),
                "≤ " + BLOCKLIST_HEAP_TARGET_RATIO,
                Optional.ofNullable(blocklistHeap).map(h -> h.ratio() <= BLOCKLIST_HEAP_TARGET_RATIO)));
        Optional<Sample> blocklist = sample(BLOCKLIST);
        Optional<Sample> passwordBlacklist = sample(PASSWORD_BLACKLIST);
        md.append(row("casvp-blocklist check vs Keycloak passwordBlacklist, p50 / p99",
                blocklist.flatMap(b -> passwordBlacklist.map(k -> String.format(Locale.ROOT,
                        "%s / %s vs %s / %s (× %.0f at p99)", micros(b.p50()), micros(b.p99()), micros(k.p50()),
                        micros(k.p99()), b.p99() / k.p99()))).orElse("not run"),
                "for information", Optional.empty()));
        md.append("\n## Every benchmark (µs per check)\n\n");
        md.append("| benchmark | samples | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Sample s : samples.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |%n", key(s.name(), s.params()),
                    s.count(), num(s.p50()), num(s.p90()), num(s.p99()), num(s.p999()), num(s.max())));
        }
        md.append("\nPolicies check the next of 10 000 seeded mixed passwords (passphrases, common-looking ")
                .append("passwords with leet and years, random ASCII, long Unicode) at each call; the chain is ")
                .append("Keycloak's own DefaultPasswordPolicyManagerProvider (first refusal wins) over casvp-entropy, ")
                .append("casvp-sequence, casvp-personal, casvp-blocklist and casvp-breached (offline), for one agent ")
                .append("(validate(realm, user, password), as on the update-password page). Offline lookups: half ")
                .append("breached, half not. Keycloak's passwordBlacklist only finds a password equal to a listed ")
                .append("word; casvp-blocklist also finds words disguised or inside a longer password.\n");
        return md.toString();
    }

    private List<Sample> lookups() {
        List<Sample> lookups = new ArrayList<>();
        for (Sample s : samples.values()) {
            if (s.name().equals(LOOKUP)) {
                lookups.add(s);
            }
        }
        lookups.sort(Comparator.comparingInt(s -> Integer.parseInt(s.params().replaceAll("\\D", ""))));
        return lookups;
    }

    private static String row(String what, String measured, String target, Optional<Boolean> met) {
        return "| " + what + " | " + measured + " | " + target + " | "
                + met.map(m -> m ? "yes" : "**no**").orElse("—") + " |\n";
    }

    private static String micros(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f µs", value) : num(value) + " µs";
    }

    private static String num(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String bytes(long bytes) {
        if (Math.abs(bytes) >= 10L << 20) {
            return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
        }
        if (Math.abs(bytes) >= 10L << 10) {
            return String.format(Locale.ROOT, "%,d KiB", bytes >> 10);
        }
        return String.format(Locale.ROOT, "%,d B", bytes);
    }
}
