package fr.paris.casvp.keycloak.it.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Some legs of a run, the counted ones to begin with, and the figures the reports take from them:
 * pooled latency figures, failures, the order legs ran in, and the server's CPU time per try.
 */
final class Legs {

    private final List<Leg> legs;

    Legs(List<Leg> legs) {
        this.legs = List.copyOf(legs);
    }

    List<Leg> list() {
        return legs;
    }

    Legs of(Variant variant) {
        return new Legs(legs.stream().filter(l -> l.variant().equals(variant)).toList());
    }

    /** The legs of each round, rounds and legs in the order run. */
    List<Legs> rounds() {
        Map<Integer, List<Leg>> byRound = new LinkedHashMap<>();
        legs.forEach(l -> byRound.computeIfAbsent(l.round(), r -> new ArrayList<>()).add(l));
        return byRound.values().stream().map(Legs::new).toList();
    }

    /** The figures of all these legs' tries together, per second of their summed wall time. */
    LatencyFigures figures() {
        return LatencyFigures.of(legs.stream().flatMapToLong(l -> Arrays.stream(l.nanos())).toArray(),
                legs.stream().mapToLong(Leg::wallNanos).sum());
    }

    /** The cells every report's table of the variants begins with: the variant, what it is, tries counted and failed. */
    String variantCells(Variant variant) {
        Legs of = of(variant);
        return String.format("%s | %s | %d | %d", variant.label(), variant.description(), of.figures().count(),
                of.failures());
    }

    /** The figures every report's table of the variants has: p50, p95, mean and max in ms, tries per second. */
    String figureCells(Variant variant) {
        LatencyFigures f = of(variant).figures();
        return String.format("%.1f | %.1f | %.1f | %.1f | %.2f", f.p50(), f.p95(), f.mean(), f.max(), f.perSecond());
    }

    int failures() {
        return legs.stream().mapToInt(Leg::failures).sum();
    }

    /** A few failed tries, said as "user: reason". */
    List<String> failureSamples() {
        return legs.stream().flatMap(l -> l.failureSamples().stream()).limit(5).toList();
    }

    /** The variants in the order their legs ran, as in "stock → device". */
    String order() {
        return legs.stream().map(l -> l.variant().label()).collect(Collectors.joining(" → "));
    }

    /** Per round, the two variants' legs, for a ratio's bootstrap interval. */
    List<RatioInterval.Round> paired(Variant stock, Variant other) {
        return rounds().stream().map(round -> {
            Leg s = round.of(stock).legs.get(0);
            Leg o = round.of(other).legs.get(0);
            return new RatioInterval.Round(s.nanos(), s.wallNanos(), o.nanos(), o.wallNanos());
        }).toList();
    }

    /** The server process's CPU time in milliseconds per counted try. */
    double cpuMillisPerTry() {
        return millisPerTry(Leg::serverCpuNanos);
    }

    /** The CPU time of one kind of the server's threads in milliseconds per counted try. */
    double threadCpuMillisPerTry(ServerThreadsCpu.Kind kind) {
        return millisPerTry(l -> l.threadCpuNanos().getOrDefault(kind, 0L));
    }

    /** The process's CPU per try less what its JIT compiler and garbage collector threads used. */
    double cpuMillisWithoutJitAndGc() {
        return cpuMillisPerTry() - threadCpuMillisPerTry(ServerThreadsCpu.Kind.JIT)
                - threadCpuMillisPerTry(ServerThreadsCpu.Kind.GC);
    }

    private double millisPerTry(ToLongFunction<Leg> nanos) {
        long total = legs.stream().mapToLong(nanos).sum();
        long count = legs.stream().mapToLong(l -> l.nanos().length).sum();
        return count == 0 ? Double.NaN : total / 1e6 / count;
    }
}
