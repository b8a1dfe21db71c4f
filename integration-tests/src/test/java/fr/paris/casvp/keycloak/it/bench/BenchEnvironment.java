package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import fr.paris.casvp.keycloak.it.support.ItSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What the latency comparisons share about the run itself: the settings Maven passes, the
 * server and its mail catcher, the machine and bundle the report describes, how busy the
 * machine is, and waiting for the workers of a leg within a bound.
 */
final class BenchEnvironment {

    private BenchEnvironment() {
    }

    /** A system property the Maven profile sets; {@code command} is said when it is missing. */
    static String required(String key, String command) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set: run through Maven (" + command
                    + ").");
        }
        return value;
    }

    /** A positive whole-number system property ({@code -Dcasvp.bench.rounds=…}), or the default. */
    static int positive(String key, int fallback) {
        int value = Integer.getInteger(key, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
        return value;
    }

    /** A started mail catcher on the loopback address, for the server's SMTP settings. */
    static GreenMail mailCatcher() {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(),
                InetAddress.getLoopbackAddress().getHostAddress(), ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /** The distribution under {@code home} with the bundle, on free ports, mailing to {@code mail}. */
    static DistributionKeycloak startServer(Path home, Path output, GreenMail mail, Map<String, String> environment) {
        System.out.printf("Starting Keycloak from %s (log and build log in %s)%n", home, output);
        DistributionKeycloak server = DistributionKeycloak.start(new DistributionKeycloak.Options(home,
                ItSettings.bundleJar(), ItSettings.realmImportDir(), output, FreePorts.next(), FreePorts.next(),
                mail, DistributionKeycloak.randomSecret(), DistributionKeycloak.randomSecret(),
                "http://localhost:" + FreePorts.next(), false, environment));
        System.out.printf("Keycloak ready in %d ms at %s%n", server.startupMillis(), server.baseUrl());
        return server;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The rows of the report's "machine and run" table that every comparison has, header
     * included: cores, JVM, OS, load average, Keycloak and bundle.
     */
    static String machineRows(double loadBefore, long startupMillis) throws IOException {
        return machineRows(loadBefore, startupMillis, "dev-mem H2");
    }

    /** The same, for a server on another database than the in-memory H2. */
    static String machineRows(double loadBefore, long startupMillis, String database) throws IOException {
        StringBuilder md = new StringBuilder("\n| machine and run | |\n|---|---|\n");
        md.append(String.format("| cores (availableProcessors) | %d |%n", Runtime.getRuntime().availableProcessors()));
        md.append(String.format("| JVM (bench client) | %s %s (%s) |%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("java.vendor")));
        md.append(String.format("| OS | %s %s %s |%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch")));
        md.append(String.format("| load average, start → end | %.2f → %.2f |%n", loadBefore, loadAverage()));
        md.append(String.format("| Keycloak | %s, `kc.sh start --optimized`, %s, start-up %d ms |%n",
                ItSettings.keycloakVersion(), database, startupMillis));
        md.append(String.format("| bundle | %s |%n", describeBundle()));
        return md.toString();
    }

    static String describeBundle() throws IOException {
        Path jar = ItSettings.bundleJar();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
            return String.format("%s, %d bytes, SHA-256 %s…, modified %s", jar.getFileName(), Files.size(jar),
                    HexFormat.of().formatHex(hash).substring(0, 12),
                    Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time used so far by a process and all its descendants (the Keycloak JVM under {@code kc.sh}). */
    static long cpuNanos(long pid) {
        return ProcessHandle.of(pid)
                .map(root -> Stream.concat(Stream.of(root), root.descendants())
                        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum())
                .orElse(0L);
    }

    /**
     * The Keycloak JVMs (server or {@code kc.sh build}) running on this machine besides the one under
     * {@code ownPid} (other engineers' tests share the cores): what the report says about load.
     */
    static List<String> otherKeycloakServers(long ownPid) {
        List<Long> own = ProcessHandle.of(ownPid)
                .map(root -> Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid).toList())
                .orElse(List.of(ownPid));
        return ProcessHandle.allProcesses()
                .filter(p -> !own.contains(p.pid()))
                .filter(p -> p.info().commandLine().map(c -> c.contains("-Dkc.home.dir=")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().map(BenchEnvironment::shortCommand).orElse("?"))
                .toList();
    }

    /** The server's home ({@code -Dkc.home.dir=…}) and what it was asked to do ({@code build}, {@code start}). */
    private static String shortCommand(String commandLine) {
        int home = commandLine.indexOf("-Dkc.home.dir=");
        int end = commandLine.indexOf(' ', home);
        String dir = commandLine.substring(home + "-Dkc.home.dir=".length(), end < 0 ? commandLine.length() : end);
        String verb = commandLine.contains(" build") ? "build" : commandLine.contains(" start") ? "start" : "?";
        return dir.replace("/bin/..", "") + " (" + verb + ")";
    }

    /** Waits for every worker, at most {@code bound} in all; a worker's exception or the timeout ends the run. */
    static void awaitWorkers(List<Future<Void>> futures, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Future<Void> future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A worker failed", e.getCause());
            } catch (TimeoutException e) {
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("Workers did not finish within " + bound);
            }
        }
    }

    /** A failure of the steps before the warm-up, with the end of the server's log to say why. */
    static IllegalStateException serverFailure(DistributionKeycloak server, String what) {
        List<String> log = server.serverLog().lines().toList();
        return new IllegalStateException(what + "\nServer log tail:\n"
                + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
    }
}
