package fr.paris.casvp.keycloak.it.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Where the server's CPU goes, per variant: the Java Flight Recorder execution samples of the
 * Keycloak JVM (recorded with {@code settings=profile}: one sample per running thread about
 * every 10 ms), assigned to the leg during which they were taken, and sorted into what the
 * sampled stack was doing. The first matching category wins, so the password hash inside the
 * casvp password form counts as hashing, not as bundle code; bundle code is further split by
 * the outermost bundle class on the stack (the step Keycloak called).
 *
 * <p>A thread preempted by the operating system while in Java code is still sampled, so on a
 * busy machine the number of samples per sign-in grows with the load; their <em>shares</em> do
 * not, since preemption hits all code alike. The table therefore gives each category's share
 * of a variant's samples, and that share of the process's CPU time per sign-in (which also
 * counts garbage collection and the JIT compiler, spread here in the same proportions).
 *
 * <p>A recording of async-profiler (its JFR output, CPU-time samples of every thread) is read
 * the same way, but its samples are CPU time itself, in the JVM's C++ code, native libraries
 * and the kernel too: stacks without a Java frame are sorted by thread (garbage collector, JIT
 * compiler, other), and a second table lists the methods whose CPU per sign-in (inclusive)
 * differs most between the first two variants.
 */
final class ServerCpuSamples {

    /** Sampling period of {@code jdk.ExecutionSample} in JFR's {@code profile} settings. */
    static final double JFR_SAMPLE_MILLIS = 10;
    /** Rows of the method table. */
    private static final int METHOD_ROWS = 60;
    private static final Set<String> JAVA_FRAME_TYPES = Set.of("Interpreted", "JIT compiled", "Inlined", "C1 compiled");
    private static final String BUNDLE_PACKAGE = "fr.paris.casvp.";
    private static final String OTHER = "HTTP server, JDK, other";
    private static final String HASHING = "password hash (Argon2)";

    /** The time of one leg of a variant, and how many sign-ins it counted. */
    record Window(String variant, Instant start, Instant end, int signIns) {
    }

    private ServerCpuSamples() {
    }

    /**
     * A Markdown table: for each category, its share of each variant's samples and that share of
     * {@code cpuMillisPerSignIn}, the server process's CPU time per sign-in in that variant's legs.
     * {@code sampleMillis} is the time one sample stands for; {@code cpuSamples} says whether the
     * recording is async-profiler's (samples of CPU time in any thread and any code).
     */
    static String breakdown(Path recording, List<Window> windows, List<String> variants,
                            Map<String, Double> cpuMillisPerSignIn, double sampleMillis, boolean cpuSamples)
            throws IOException {
        Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
        Map<String, Map<String, Integer>> byMethod = new HashMap<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        Map<String, Integer> signIns = new LinkedHashMap<>();
        Map<String, Map<String, Double>> unsampled = new TreeMap<>();
        for (String v : variants) {
            totals.put(v, 0);
            signIns.put(v, windows.stream().filter(w -> w.variant().equals(v)).mapToInt(Window::signIns).sum());
        }
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getStartTime();
                String variant = windows.stream().filter(w -> !at.isBefore(w.start()) && at.isBefore(w.end()))
                        .map(Window::variant).findFirst().orElse(null);
                if (variant == null) {
                    continue;
                }
                countUnsampled(event, variant, unsampled);
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String category = category(frames);
                if (cpuSamples && category.equals(OTHER) && !anyJavaFrame(frames)) {
                    category = "JVM, no Java frame: " + threadKind(event.getThread("sampledThread"));
                }
                byCategory.computeIfAbsent(category, c -> new LinkedHashMap<>()).merge(variant, 1, Integer::sum);
                if (cpuSamples && !category.equals(HASHING)) {
                    for (String method : methods(frames)) {
                        byMethod.computeIfAbsent(method, c -> new HashMap<>()).merge(variant, 1, Integer::sum);
                    }
                }
                totals.merge(variant, 1, Integer::sum);
            }
        }
        StringBuilder md = new StringBuilder("| what the server was doing | ");
        md.append(String.join(" | ", variants.stream().map(v -> v + ": share, ≈ CPU ms per sign-in").toList()));
        md.append(" |\n|---|").append("---:|".repeat(variants.size())).append('\n');
        for (Map.Entry<String, Map<String, Integer>> row : byCategory.entrySet()) {
            md.append("| ").append(row.getKey());
            for (String v : variants) {
                double share = totals.get(v) == 0 ? Double.NaN : (double) row.getValue().getOrDefault(v, 0) / totals.get(v);
                md.append(String.format(" | %.1f %%, %.1f", 100 * share, share * cpuMillisPerSignIn.get(v)));
            }
            md.append(" |\n");
        }
        md.append("| **server process, CPU time per sign-in**");
        for (String v : variants) {
            md.append(String.format(" | **%.1f**", cpuMillisPerSignIn.get(v)));
        }
        md.append(" |\n");
        md.append(String.format("%nSamples in the counted legs: %s; sign-ins: %s; sampled time per sign-in: %s ms "
                        + "(one sample ≈ %.0f ms %s).%n", totals, signIns, perSignIn(totals, signIns, sampleMillis),
                sampleMillis, cpuSamples ? "of CPU time, any thread" : "in Java code, running or preempted"));
        if (cpuSamples && variants.size() >= 2) {
            md.append(methodTable(byMethod, variants.get(0), variants.get(1), signIns, sampleMillis));
        }
        if (unsampled.isEmpty()) {
            return md.toString();
        }
        md.append("\nWhat execution samples do not show, per sign-in (garbage collection and JIT compiler threads "
                + "run outside Java code; allocation is Flight Recorder's estimate from its allocation samples, "
                + "by the sampled stack's category as above):\n\n| per sign-in | ")
                .append(String.join(" | ", variants)).append(" |\n|---|").append("---:|".repeat(variants.size()))
                .append('\n');
        for (Map.Entry<String, Map<String, Double>> row : unsampled.entrySet()) {
            md.append("| ").append(row.getKey());
            for (String v : variants) {
                md.append(String.format(" | %.2f", signIns.get(v) == 0 ? Double.NaN
                        : row.getValue().getOrDefault(v, 0.0) / signIns.get(v)));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    /** Garbage collection CPU, JIT compilation time and allocated megabytes, summed per variant. */
    private static void countUnsampled(RecordedEvent event, String variant, Map<String, Map<String, Double>> sums) {
        switch (event.getEventType().getName()) {
            case "jdk.GCCPUTime" -> sums.computeIfAbsent("garbage collection, CPU ms", k -> new LinkedHashMap<>())
                    .merge(variant, (event.getDuration("userTime").toNanos()
                            + event.getDuration("systemTime").toNanos()) / 1e6, Double::sum);
            case "jdk.Compilation" -> sums.computeIfAbsent("JIT compilation, ms", k -> new LinkedHashMap<>())
                    .merge(variant, event.getDuration().toNanos() / 1e6, Double::sum);
            case "jdk.ObjectAllocationSample" -> {
                String category = event.getStackTrace() == null ? "unknown"
                        : category(event.getStackTrace().getFrames());
                double megabytes = event.getLong("weight") / 1e6;
                sums.computeIfAbsent("allocated MB, all", k -> new LinkedHashMap<>())
                        .merge(variant, megabytes, Double::sum);
                sums.computeIfAbsent("allocated MB, " + category, k -> new LinkedHashMap<>())
                        .merge(variant, megabytes, Double::sum);
            }
            default -> {
                // not counted here
            }
        }
    }

    private static Map<String, String> perSignIn(Map<String, Integer> samples, Map<String, Integer> signIns,
                                                 double sampleMillis) {
        Map<String, String> ms = new LinkedHashMap<>();
        samples.forEach((v, n) -> ms.put(v, signIns.get(v) == 0 ? "?"
                : String.format("%.1f", n * sampleMillis / signIns.get(v))));
        return ms;
    }

    /**
     * The methods (Java or native) whose inclusive CPU per sign-in (samples with the method
     * anywhere on the stack, password-hash samples left out) differs most between {@code a} and
     * {@code b}: callers come before the callees that make up their difference.
     */
    private static String methodTable(Map<String, Map<String, Integer>> byMethod, String a, String b,
                                      Map<String, Integer> signIns, double sampleMillis) {
        if (signIns.get(a) == 0 || signIns.get(b) == 0) {
            return "";
        }
        ToDoubleFunction<Map<String, Integer>> difference = counts -> sampleMillis
                * (counts.getOrDefault(b, 0) / (double) signIns.get(b) - counts.getOrDefault(a, 0) / (double) signIns.get(a));
        StringBuilder md = new StringBuilder(String.format("%nMethods whose CPU differs most between %s and %s "
                + "(ms per sign-in, inclusive: samples with the method anywhere on the stack; the password hash left "
                + "out, the same work in both flows, so that a step that calls it shows its own cost only):%n%n"
                + "| method | %s | %s | difference |%n|---|---:|---:|---:|%n", a, b, a, b));
        byMethod.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Map<String, Integer>> e) ->
                        -Math.abs(difference.applyAsDouble(e.getValue()))))
                .limit(METHOD_ROWS)
                .forEach(e -> md.append(String.format("| `%s` | %.2f | %.2f | %+.2f |%n",
                        e.getKey().replace("|", "\\|").replace("`", "'"),
                        sampleMillis * e.getValue().getOrDefault(a, 0) / signIns.get(a),
                        sampleMillis * e.getValue().getOrDefault(b, 0) / signIns.get(b),
                        difference.applyAsDouble(e.getValue()))));
        return md.toString();
    }

    /** Each method of the stack once (recursion counted once), as {@code Class.method}. */
    private static Set<String> methods(List<RecordedFrame> frames) {
        Set<String> names = new LinkedHashSet<>();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod() == null || frame.getMethod().getType() == null ? "?"
                    : frame.getMethod().getType().getName();
            String name = type + "." + (frame.getMethod() == null ? "?" : frame.getMethod().getName());
            names.add(name.length() > 140 ? name.substring(0, 140) + "…" : name);
        }
        return names;
    }

    /** async-profiler marks frames Interpreted, JIT compiled, Inlined or C1 compiled for Java, others C++, Native, Kernel. */
    private static boolean anyJavaFrame(List<RecordedFrame> frames) {
        return frames.stream().anyMatch(f -> f.getType() != null && JAVA_FRAME_TYPES.contains(f.getType()));
    }

    /** Which JVM thread a sample without Java frames came from: sorted by name as {@link ServerThreadsCpu} sorts them. */
    private static String threadKind(RecordedThread thread) {
        String name = thread == null || thread.getOSName() == null ? "" : thread.getOSName();
        return switch (ServerThreadsCpu.kind(name)) {
            case JIT -> "JIT compiler";
            case GC -> "garbage collector";
            default -> name.isEmpty() ? "unnamed thread" : name.replaceAll("[#\\d]+$", "").trim();
        };
    }

    /** What a sampled stack was doing, top frame first in {@code frames}. */
    static String category(List<RecordedFrame> frames) {
        String outermostBundleClass = null;
        boolean hashing = false;
        boolean templates = false;
        boolean database = false;
        boolean sessions = false;
        boolean keycloak = false;
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            hashing |= type.contains("Argon2") || type.startsWith("org.bouncycastle.");
            templates |= type.startsWith("freemarker.");
            database |= type.startsWith("org.hibernate.") || type.startsWith("org.h2.");
            sessions |= type.startsWith("org.infinispan.");
            keycloak |= type.startsWith("org.keycloak.");
            if (type.startsWith(BUNDLE_PACKAGE)) {
                String outer = type.replaceAll("\\$\\$Lambda.*", ""); // a lambda counts for its class
                outermostBundleClass = outer.substring(outer.lastIndexOf('.') + 1);
            }
        }
        if (hashing) {
            return HASHING;
        }
        if (outermostBundleClass != null) {
            return "bundle: " + outermostBundleClass.replaceAll("\\$.*", "") + (database ? " (database)" : "");
        }
        if (templates) {
            return "login page (FreeMarker)";
        }
        if (database) {
            return "Keycloak: database (JPA, H2)";
        }
        if (sessions) {
            return "Keycloak: sessions (Infinispan)";
        }
        return keycloak ? "Keycloak: other" : OTHER;
    }
}
