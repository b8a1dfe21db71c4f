package fr.paris.casvp.keycloak.it.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server process's CPU time split by kind of thread, read from Linux's
 * {@code /proc/<pid>/task/<tid>/stat} (thread name, user and system clock ticks): the JIT
 * compiler's threads, the garbage collector's, and all the others (requests, event loops,
 * timers). A leg's difference of two readings says whether a variant's extra CPU goes to
 * serving sign-ins or to a JVM still compiling code, which a server in service has done
 * long ago. Threads that ended between two readings are missed; on a server under steady
 * load they are few. Elsewhere than Linux every reading is empty.
 */
final class ServerThreadsCpu {

    /** JIT, GC and OTHER split the threads; KERNEL is the system-time part of all three together. */
    enum Kind { JIT, GC, OTHER, KERNEL }

    /** USER_HZ: the clock ticks /proc counts in; 100 on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ServerThreadsCpu() {
    }

    /** CPU nanoseconds so far per kind of thread of the process and its children; empty when /proc is not there. */
    static Map<Kind, Long> read(long pid) {
        Map<Kind, Long> sums = new EnumMap<>(Kind.class);
        ProcessHandle.of(pid).ifPresent(root -> Stream.concat(Stream.of(root), root.descendants())
                .forEach(process -> addThreads(process.pid(), sums)));
        return sums;
    }

    static Map<Kind, Long> difference(Map<Kind, Long> before, Map<Kind, Long> after) {
        Map<Kind, Long> delta = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            delta.put(kind, after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L));
        }
        return delta;
    }

    private static void addThreads(long pid, Map<Kind, Long> sums) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    // "tid (name) state ppid …": the name may hold spaces or parentheses, so split at the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    long systemTicks = Long.parseLong(fields[12]);
                    long ticks = Long.parseLong(fields[11]) + systemTicks; // utime, stime
                    sums.merge(kind(name), ticks * NANOS_PER_TICK, Long::sum);
                    sums.merge(Kind.KERNEL, systemTicks * NANOS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    /** HotSpot's thread names: "C1 CompilerThre…", "C2 CompilerThre…"; "GC Thread#0", "G1 Conc#0", "G1 Refine#0", … */
    static Kind kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return Kind.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }
}
