package fr.paris.casvp.keycloak.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code casvp.bench.serverProfiler} of the full-flow comparison: whether the server runs under
 * Java Flight Recorder ({@code jfr}) or async-profiler ({@code async}), which both write a JFR
 * recording ({@value #RECORDING}), and what the report then says the server's CPU went to
 * ({@link ServerCpuSamples}). Flight Recorder sees threads running Java code only; async-profiler
 * samples every thread by the CPU time it uses, in the JVM's own C++ code and native libraries too.
 */
enum ServerProfiler {
    NONE, JFR, ASYNC;

    static final String RECORDING = "keycloak-full-flow.jfr";
    /** async-profiler's sampling interval: one sample per millisecond of the process's CPU time. */
    private static final double ASYNC_INTERVAL_MILLIS = 1;

    static ServerProfiler fromSystemProperty() {
        if (System.getProperty("casvp.bench.serverJfr") != null) {
            throw new IllegalArgumentException("casvp.bench.serverJfr is gone: use -Dcasvp.bench.serverProfiler=jfr "
                    + "(or =async)");
        }
        String name = System.getProperty("casvp.bench.serverProfiler", "none");
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("casvp.bench.serverProfiler must be none, jfr or async, not " + name);
        }
    }

    /** What the report's machine table calls it. */
    String description() {
        return this == ASYNC ? "async-profiler" : "Java Flight Recorder";
    }

    /**
     * The server's environment for this profiler (kc.sh reads JAVA_OPTS_APPEND); an earlier
     * run's recording is deleted first, so that it is never read.
     */
    Map<String, String> serverEnvironment(Path output) {
        if (this == NONE) {
            return Map.of();
        }
        Path recording = output.resolve(RECORDING);
        try {
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (this == ASYNC) {
            // cpu: perf_events CPU-clock sampling (root, or perf_event_paranoid ≤ 2 for user-space stacks);
            // itimer would need no perf_events, but it samples at the kernel tick (4 ms here), a quarter of the asked rate
            Path library = Path.of(BenchEnvironment.required("casvp.bench.asyncProfilerLibrary",
                    "mvn -B -Pbench-flow -pl integration-tests verify"));
            return Map.of("JAVA_OPTS_APPEND", "-agentpath:" + library + "=start,event=cpu,interval="
                    + (long) (ASYNC_INTERVAL_MILLIS * 1_000_000) + ",jstackdepth=512,jfr,file=" + recording);
        }
        return Map.of("JAVA_OPTS_APPEND", "-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename="
                + recording + ",settings=profile,dumponexit=true");
    }

    /** The report's section on what the server's CPU went to in each variant's counted legs; none unprofiled. */
    String breakdown(Path output, Legs legs, List<Variant> variants) throws IOException {
        if (this == NONE) {
            return "";
        }
        boolean async = this == ASYNC;
        return "\nServer CPU by what it was doing (" + (async ? "async-profiler CPU-time samples"
                : "Java Flight Recorder execution samples") + " of the Keycloak JVM during the counted legs; "
                + "see ServerCpuSamples):\n\n" + ServerCpuSamples.breakdown(output.resolve(RECORDING),
                legs.list().stream().map(l -> new ServerCpuSamples.Window(l.variant().label(), l.started(), l.ended(),
                        l.nanos().length)).toList(), variants.stream().map(Variant::label).toList(),
                cpuPerSignIn(legs, variants), async ? ASYNC_INTERVAL_MILLIS : ServerCpuSamples.JFR_SAMPLE_MILLIS,
                async);
    }

    private static Map<String, Double> cpuPerSignIn(Legs legs, List<Variant> variants) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        variants.forEach(v -> cpu.put(v.label(), legs.of(v).cpuMillisPerTry()));
        return cpu;
    }
}
