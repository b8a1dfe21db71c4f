package fr.paris.casvp.keycloak.benchmarks;

import fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedHashFileBuilder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Offline breached-hash files for the benchmarks, made the way ops make them: a
 * {@code SHA1HEX:COUNT} corpus given to the module's command-line
 * {@link BreachedHashFileBuilder}. Nothing is downloaded.
 */
final class BreachedFiles {

    /** Where the large files are kept between runs; also read by the forked benchmark JVMs. */
    static final String DATA_DIR_PROPERTY = "casvp.bench.dataDir";
    /** Bump when the way files are generated changes, so that old cached files are not reused. */
    private static final int GENERATION = 1;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private BreachedFiles() {
    }

    /** {@link #DATA_DIR_PROPERTY}, or {@code <tmp>/casvp-benchmarks}. */
    static Path dataDir() {
        String configured = System.getProperty(DATA_DIR_PROPERTY);
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "casvp-benchmarks");
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark data folder " + dir, e);
        }
    }

    /** The password whose hash is number {@code i} of a sized file (see {@link #sized}). */
    static String presentPassword(long i) {
        return "pw" + i;
    }

    /**
     * A file of the SHA-1 of {@code presentPassword(0 .. hashes-1)}, in {@link #dataDir()}:
     * built once (about 1 s per million hashes on 2 cores, 8 bytes per hash on disk) and
     * reused by later trials and runs. The corpus is given sorted, as the Have I Been Pwned
     * downloader gives it, so the builder streams it.
     */
    static Path sized(int hashes) {
        Path file = dataDir().resolve("breached-g" + GENERATION + "-" + hashes + ".bin");
        Path done = file.resolveSibling(file.getFileName() + ".done");
        try {
            if (Files.isRegularFile(file) && Files.isRegularFile(done)
                    && Files.readString(done).strip().equals(Long.toString(Files.size(file)))) {
                return file;
            }
            Files.deleteIfExists(done);
            Path corpus = file.resolveSibling(file.getFileName() + ".corpus.txt");
            try {
                writeSortedCorpus(corpus, hashes);
                build(corpus, file);
            } finally {
                Files.deleteIfExists(corpus);
            }
            Files.writeString(done, Long.toString(Files.size(file)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the breached-hash file " + file, e);
        }
    }

    /**
     * A small file in {@code dir} holding the hashes of every {@code step}-th password of
     * {@code passwords} (NFC, UTF-8, as the policy hashes them) and {@code fillers} other
     * hashes, given unsorted (the builder sorts them).
     */
    static Path small(Path dir, List<String> passwords, int step, int fillers) {
        Path corpus = dir.resolve("small-corpus.txt");
        Path file = dir.resolve("breached-small.bin");
        try {
            MessageDigest sha1 = sha1();
            byte[] line = new byte[64];
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 16)) {
                for (int i = 0; i < passwords.size(); i += step) {
                    String nfc = Normalizer.normalize(passwords.get(i), Normalizer.Form.NFC);
                    out.write(line, 0, corpusLine(line, sha1.digest(nfc.getBytes(StandardCharsets.UTF_8)), 1 + i % 97));
                }
                for (int i = 0; i < fillers; i++) {
                    byte[] digest = sha1.digest(("filler-" + i).getBytes(StandardCharsets.US_ASCII));
                    out.write(line, 0, corpusLine(line, digest, 1 + i % 13));
                }
            }
            build(corpus, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the small breached-hash file in " + dir, e);
        } finally {
            deleteQuietly(corpus);
        }
    }

    private static void writeSortedCorpus(Path corpus, int hashes) throws IOException {
        MessageDigest sha1 = sha1();
        long[] keys = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            // Flipping the sign bit makes the signed sort below an unsigned one.
            keys[i] = top64(sha1.digest(presentPassword(i).getBytes(StandardCharsets.US_ASCII))) ^ Long.MIN_VALUE;
        }
        Arrays.parallelSort(keys);
        // The file keeps the first 64 bits of each hash: the other 96 are written as zeros.
        byte[] line = "0000000000000000000000000000000000000000:1\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 20)) {
            for (long key : keys) {
                long value = key ^ Long.MIN_VALUE;
                for (int nibble = 0; nibble < 16; nibble++) {
                    line[nibble] = HEX[(int) (value >>> (60 - 4 * nibble)) & 0xF];
                }
                out.write(line);
            }
        }
    }

    private static void build(Path corpus, Path file) {
        // The operators' command line, in this JVM (it calls System.exit only when it fails).
        BreachedHashFileBuilder.main(new String[]{corpus.toString(), file.toString()});
    }

    private static int corpusLine(byte[] line, byte[] digest, int count) {
        for (int b = 0; b < 20; b++) {
            line[2 * b] = HEX[(digest[b] >> 4) & 0xF];
            line[2 * b + 1] = HEX[digest[b] & 0xF];
        }
        line[40] = ':';
        int length = 41;
        for (byte c : Integer.toString(count).getBytes(StandardCharsets.US_ASCII)) {
            line[length++] = c;
        }
        line[length++] = '\n';
        return length;
    }

    private static long top64(byte[] digest) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
