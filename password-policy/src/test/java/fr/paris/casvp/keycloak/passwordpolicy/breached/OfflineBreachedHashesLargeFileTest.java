package fr.paris.casvp.keycloak.passwordpolicy.breached;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten million hashes, built the way ops do it: the command-line builder in its own JVM with
 * only the bundle's classes (no Keycloak on the class path) and a 64 MB heap, from an
 * unsorted corpus (external sort), then read back with the memory-mapped reader. Takes
 * 20–40 s on 2 cores and about 1 GB of temporary disk, removed at the end.
 */
class OfflineBreachedHashesLargeFileTest {

    private static final int HASHES = 10_000_000;
    private static final int ABSENT = 1_000_000;
    private static final int TIMED_LOOKUPS = 400_000;
    private static final long P99_BOUND_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void tenMillionHashesFromAnUnsortedCorpusAreAllFoundAbsentOnesAreNotAndLookupsStayFast() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Path output = dir.resolve("breached.bin");
        long generateStart = System.nanoTime();
        writeCorpus(corpus);
        double generateSeconds = seconds(generateStart);

        long buildStart = System.nanoTime();
        Process builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp", Path.of(BreachedHashFileBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString(),
                BreachedHashFileBuilder.class.getName(),
                "--run-size", String.valueOf(1 << 20),
                corpus.toString(), output.toString())
                .redirectErrorStream(true)
                .start();
        String console = new String(builder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(builder.waitFor(5, TimeUnit.MINUTES), "builder still running");
        double buildSeconds = seconds(buildStart);
        assertEquals(0, builder.exitValue(), console);
        assertTrue(console.contains("hashes      10,000,000 (0 duplicates"), console);
        assertTrue(console.contains("unsorted, external sort in "), console);
        assertEquals(Set.of("corpus.txt", "breached.bin"), filesIn(dir), "temporary files are removed");
        Files.delete(corpus);

        // The same hashes given in order are streamed without sorting, into the same bytes.
        Path sortedCorpus = dir.resolve("sorted.txt");
        Path sortedOutput = dir.resolve("sorted.bin");
        writeSortedCorpus(output, sortedCorpus);
        long sortedStart = System.nanoTime();
        BreachedHashFileBuilder.Summary sorted = new BreachedHashFileBuilder(sortedCorpus, sortedOutput, null,
                BreachedHashFileBuilder.DEFAULT_RUN_SIZE, System.out).build();
        double sortedSeconds = seconds(sortedStart);
        assertEquals(0, sorted.runs());
        assertEquals(-1, Files.mismatch(output, sortedOutput), "sorted and unsorted input give the same file");
        Files.delete(sortedCorpus);
        Files.delete(sortedOutput);

        long size = Files.size(output);
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output)) {
            assertEquals(HASHES, hashes.size());
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");

            long verifyStart = System.nanoTime();
            int missing = 0;
            for (int i = 0; i < HASHES; i++) {
                if (!hashes.contains(sha1.digest(("pw" + i).getBytes(StandardCharsets.US_ASCII)))) {
                    missing++;
                }
            }
            double verifySeconds = seconds(verifyStart);
            assertEquals(0, missing, "every inserted hash is found");

            // Expected false positives: 10^6 × 10^7 / 2^64 ≈ 5 × 10^-7, so none.
            int falsePositives = 0;
            for (int i = 0; i < ABSENT; i++) {
                if (hashes.contains(sha1.digest(("absent" + i).getBytes(StandardCharsets.US_ASCII)))) {
                    falsePositives++;
                }
            }
            assertEquals(0, falsePositives, "absent hashes are not found");

            long[] latencies = timeLookups(hashes, sha1);
            long p50 = latencies[latencies.length / 2];
            long p99 = latencies[(int) (latencies.length * 0.99)];
            long p999 = latencies[(int) (latencies.length * 0.999)];
            double bytesPerHash = (double) size / HASHES;

            System.out.printf(Locale.ROOT, "casvp-breached large file: %,d hashes; corpus generated in %.1f s; "
                            + "built (external sort, 64 MB heap) in %.1f s, from sorted input in %.1f s; "
                            + "file %,d bytes = %.3f bytes/hash; "
                            + "10M lookups with SHA-1 in %.1f s; lookup latency p50 %.2f µs, p99 %.2f µs, "
                            + "p99.9 %.2f µs, max %.2f µs%n",
                    HASHES, generateSeconds, buildSeconds, sortedSeconds, size, bytesPerHash, verifySeconds,
                    p50 / 1000.0, p99 / 1000.0, p999 / 1000.0, latencies[latencies.length - 1] / 1000.0);
            System.out.println(console.strip());

            assertTrue(bytesPerHash < 8.1, "bytes per hash: " + bytesPerHash);
            assertTrue(p99 <= P99_BOUND_NANOS, "p99 lookup " + p99 + " ns");
        }
    }

    /** SHA-1 of "pw0".."pw9999999" in that (unsorted) order, one SHA1HEX:COUNT line each. */
    private static void writeCorpus(Path corpus) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] line = new byte[48];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 20)) {
            for (int i = 0; i < HASHES; i++) {
                byte[] digest = sha1.digest(("pw" + i).getBytes(StandardCharsets.US_ASCII));
                for (int b = 0; b < 20; b++) {
                    line[2 * b] = HEX[(digest[b] >> 4) & 0xF];
                    line[2 * b + 1] = HEX[digest[b] & 0xF];
                }
                line[40] = ':';
                int length = 41;
                for (char c : Integer.toString(i % 997 + 1).toCharArray()) {
                    line[length++] = (byte) c;
                }
                if (i % 2 == 0) {
                    line[length++] = '\r';
                }
                line[length++] = '\n';
                out.write(line, 0, length);
            }
        }
    }

    /** The records of a built file as corpus lines in order (the 96 bits not kept are zeros). */
    private static void writeSortedCorpus(Path file, Path corpus) throws IOException {
        byte[] line = "0000000000000000000000000000000000000000:1\n".getBytes(StandardCharsets.US_ASCII);
        try (DataInputStream records = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 20)) {
            records.skipNBytes(OfflineBreachedHashes.HEADER_BYTES);
            for (int i = 0; i < HASHES; i++) {
                long value = records.readLong();
                for (int nibble = 0; nibble < 16; nibble++) {
                    line[nibble] = HEX[(int) (value >>> (60 - 4 * nibble)) & 0xF];
                }
                out.write(line);
            }
        }
    }

    /** Latency of single lookups (no hashing), half present and half absent, sorted. */
    private static long[] timeLookups(OfflineBreachedHashes hashes, MessageDigest sha1) {
        Random random = new Random(2026);
        long[] keys = new long[TIMED_LOOKUPS];
        for (int i = 0; i < keys.length; i++) {
            String password = i % 2 == 0 ? "pw" + random.nextInt(HASHES) : "absent-" + random.nextLong();
            keys[i] = OfflineBreachedHashes.top64(sha1.digest(password.getBytes(StandardCharsets.US_ASCII)));
        }
        int found = 0;
        for (long key : keys) { // warm-up: compiled code, pages in memory
            found += hashes.contains(key) ? 1 : 0;
        }
        assertEquals(TIMED_LOOKUPS / 2, found);
        long[] latencies = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            long start = System.nanoTime();
            boolean hit = hashes.contains(keys[i]);
            latencies[i] = System.nanoTime() - start;
            if (hit != (i % 2 == 0)) {
                throw new AssertionError("lookup " + i + " answered " + hit);
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

}
