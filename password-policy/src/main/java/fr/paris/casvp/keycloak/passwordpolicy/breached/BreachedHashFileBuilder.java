package fr.paris.casvp.keycloak.passwordpolicy.breached;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.stream.Stream;

import static fr.paris.casvp.keycloak.passwordpolicy.breached.OfflineBreachedHashes.HEADER_BYTES;
import static fr.paris.casvp.keycloak.passwordpolicy.breached.OfflineBreachedHashes.MAX_INDEX_BITS;
import static fr.paris.casvp.keycloak.passwordpolicy.breached.OfflineBreachedHashes.RECORD_BYTES;

/**
 * Command-line tool that turns the downloadable breach corpus (text lines
 * {@code SHA1HEX:COUNT}, e.g. from the Have I Been Pwned downloader) into the compact file
 * {@link OfflineBreachedHashes} maps (format described there):
 * <pre>
 * java -cp casvp-keycloak-bundle-&lt;version&gt;.jar \
 *     fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedHashFileBuilder \
 *     pwnedpasswords.txt /opt/keycloak/data/breached-passwords.bin
 * </pre>
 * Options: {@code --temp-dir DIR} (sort files, default: next to the output) and
 * {@code --run-size N} (hashes sorted in memory at once, default 8388608 = 64 MB of heap).
 *
 * <p>Sorted input (the usual case) is streamed straight into the file. Unsorted input is
 * detected at the first line out of order and handled by an external merge sort: runs of
 * {@code --run-size} hashes are sorted in memory and written to temporary files, then merged
 * (at most {@value #MAX_MERGE_FAN_IN} at a time). Heap use therefore depends on the options,
 * never on the size of the corpus. Duplicate hashes and lines with count 0 are skipped.
 * The result is written under a temporary name and renamed at the end, so a server never
 * sees a half-written file. JDK only: it runs with the bundle JAR alone.
 */
public final class BreachedHashFileBuilder {

    static final int DEFAULT_RUN_SIZE = 8 << 20;
    static final int MAX_MERGE_FAN_IN = 128;
    private static final int IO_BUFFER_BYTES = 1 << 20;
    private static final int RUN_READ_BUFFER_BYTES = 256 * 1024;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final Path input;
    private final Path output;
    private final Path tempParent;
    private final int runSize;
    private final PrintStream log;
    private final long started = System.nanoTime();
    private long lastProgress = started;

    BreachedHashFileBuilder(Path input, Path output, Path tempParent, int runSize, PrintStream log) {
        if (runSize < 1) {
            throw new IllegalArgumentException("run size must be at least 1");
        }
        this.input = input;
        this.output = output.toAbsolutePath();
        this.tempParent = tempParent != null ? tempParent : this.output.getParent();
        this.runSize = runSize;
        this.log = log;
    }

    /** What was built. */
    record Summary(long lines, long hashes, long duplicates, long zeroCounts, int runs, long bytes, int indexBits,
                   Duration elapsed) {
    }

    /** An input line that is not {@code SHA1HEX:COUNT}; the message names the file and line. */
    static final class CorpusFormatException extends IOException {
        CorpusFormatException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line, without exiting: 0 done, 1 failed, 2 wrong usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        Path tempDir = null;
        int runSize = DEFAULT_RUN_SIZE;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--temp-dir" -> tempDir = Path.of(args[++i]);
                    case "--run-size" -> runSize = Integer.parseInt(args[++i]);
                    default -> files.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            files.clear();
        }
        if (files.size() != 2 || runSize < 1) {
            err.println("usage: java -cp casvp-keycloak-bundle.jar " + BreachedHashFileBuilder.class.getName()
                    + " [--temp-dir DIR] [--run-size HASHES] <corpus.txt> <output.bin>");
            err.println("  corpus.txt: lines SHA1HEX:COUNT (40 hexadecimal characters, a colon, a count)");
            return 2;
        }
        try {
            Summary summary = new BreachedHashFileBuilder(Path.of(files.get(0)), Path.of(files.get(1)), tempDir,
                    runSize, out).build();
            out.printf(Locale.ROOT, "done: %s%n", Path.of(files.get(1)).toAbsolutePath());
            out.printf(Locale.ROOT, "  hashes      %,d (%,d duplicates and %,d lines with count 0 skipped, %,d lines)%n",
                    summary.hashes(), summary.duplicates(), summary.zeroCounts(), summary.lines());
            out.printf(Locale.ROOT, "  input       %s%n", summary.runs() == 0 ? "sorted, streamed"
                    : "unsorted, external sort in " + summary.runs() + " runs");
            out.printf(Locale.ROOT, "  file        %,d bytes (%.2f bytes per hash), index of 2^%d buckets%n",
                    summary.bytes(), summary.hashes() == 0 ? 0.0 : (double) summary.bytes() / summary.hashes(),
                    summary.indexBits());
            out.printf(Locale.ROOT, "  chance that an absent password matches: %.1e per lookup (n / 2^64)%n",
                    summary.hashes() / Math.pow(2, 64));
            out.printf(Locale.ROOT, "  time        %.1f s%n", summary.elapsed().toMillis() / 1000.0);
            return 0;
        } catch (IOException e) {
            err.println("error: " + describe(e));
            return 1;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e.getClass() == IOException.class || e instanceof CorpusFormatException) {
            return e.getMessage();
        }
        return e.toString();
    }

    /** Builds the output file; on failure nothing is left behind but the previous output, if any. */
    Summary build() throws IOException {
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        Path tempDir = null;
        List<Run> runs = new ArrayList<>();
        try (CorpusReader corpus = new CorpusReader(input)) {
            log.printf(Locale.ROOT, "reading %s (%,d bytes)%n", input, corpus.size);
            HashFileWriter writer = new HashFileWriter(partial);
            if (streamSorted(corpus, writer)) {
                writer.finish();
                return done(partial, corpus, writer.count, writer.duplicates, 0);
            }
            long sortedPrefix = writer.count;
            long duplicates = writer.duplicates;
            writer = null; // its bucket counts are of no use now: the merge counts again
            log.printf(Locale.ROOT, "line %,d is out of order: the input is not sorted, sorting it "
                    + "(runs of %,d hashes, temporary files in %s)%n", corpus.lineNumber, runSize, tempParent);
            tempDir = Files.createTempDirectory(tempParent, "casvp-breached-sort-");
            // What was read in order so far is already a sorted run.
            Path first = tempDir.resolve("run-0.bin");
            Files.move(partial, first);
            runs.add(new Run(first, HEADER_BYTES, sortedPrefix));
            writeRuns(corpus, tempDir, runs);
            int runCount = runs.size();
            runs = mergeDown(runs, tempDir);
            HashFileWriter merged = new HashFileWriter(partial);
            try {
                merge(runs, merged::add);
            } finally {
                merged.close();
            }
            merged.finish();
            return done(partial, corpus, merged.count, merged.duplicates + duplicates, runCount);
        } finally {
            Files.deleteIfExists(partial);
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    /**
     * Streams the corpus into {@code writer} while it is in order; false, with the first line
     * out of order read but not written, when it is not. Closes {@code writer} either way.
     */
    private boolean streamSorted(CorpusReader corpus, HashFileWriter writer) throws IOException {
        try (writer) {
            while (corpus.next()) {
                if (writer.count > 0 && Long.compareUnsigned(corpus.hash, writer.last) < 0) {
                    return false;
                }
                writer.add(corpus.hash);
                progress(corpus);
            }
            return true;
        }
    }

    private Summary done(Path partial, CorpusReader corpus, long hashes, long duplicates, int runs)
            throws IOException {
        try {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        }
        int indexBits;
        try (OfflineBreachedHashes check = OfflineBreachedHashes.open(output)) {
            indexBits = check.indexBits();
        }
        return new Summary(corpus.lineNumber, hashes, duplicates, corpus.zeroCounts, runs,
                Files.size(output), indexBits, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Sorts the rest of the corpus (starting with the line just read) into runs. */
    private void writeRuns(CorpusReader corpus, Path tempDir, List<Run> runs) throws IOException {
        long[] buffer = new long[runSize];
        int filled = 0;
        boolean more = true;
        long hash = corpus.hash;
        while (more) {
            // Flipping the sign bit makes the signed sort an unsigned one.
            buffer[filled++] = hash ^ Long.MIN_VALUE;
            more = corpus.next();
            hash = corpus.hash;
            if (filled == buffer.length || !more) {
                Arrays.parallelSort(buffer, 0, filled);
                Path file = tempDir.resolve("run-" + runs.size() + ".bin");
                try (LongFileOutput run = new LongFileOutput(file, 0)) {
                    for (int i = 0; i < filled; i++) {
                        run.write(buffer[i] ^ Long.MIN_VALUE);
                    }
                }
                runs.add(new Run(file, 0, filled));
                filled = 0;
            }
            progress(corpus);
        }
    }

    /** Merges groups of runs until at most {@link #MAX_MERGE_FAN_IN} remain. */
    private List<Run> mergeDown(List<Run> runs, Path tempDir) throws IOException {
        int generation = 0;
        while (runs.size() > MAX_MERGE_FAN_IN) {
            generation++;
            List<Run> next = new ArrayList<>();
            for (int from = 0; from < runs.size(); from += MAX_MERGE_FAN_IN) {
                List<Run> group = runs.subList(from, Math.min(runs.size(), from + MAX_MERGE_FAN_IN));
                Path file = tempDir.resolve("merge-" + generation + "-" + next.size() + ".bin");
                long[] count = {0};
                try (LongFileOutput out = new LongFileOutput(file, 0)) {
                    merge(group, value -> {
                        out.write(value);
                        count[0]++;
                    });
                }
                for (Run run : group) {
                    Files.delete(run.file());
                }
                next.add(new Run(file, 0, count[0]));
            }
            log.printf(Locale.ROOT, "merged %d runs into %d%n", runs.size(), next.size());
            runs = next;
        }
        return runs;
    }

    private interface LongSink {
        void accept(long value) throws IOException;
    }

    private void merge(List<Run> runs, LongSink sink) throws IOException {
        PriorityQueue<RunReader> queue = new PriorityQueue<>(Math.max(1, runs.size()),
                (a, b) -> Long.compareUnsigned(a.current, b.current));
        List<RunReader> readers = new ArrayList<>();
        try {
            for (Run run : runs) {
                RunReader reader = new RunReader(run);
                readers.add(reader);
                if (reader.advance()) {
                    queue.add(reader);
                }
            }
            long merged = 0;
            while (!queue.isEmpty()) {
                RunReader smallest = queue.poll();
                sink.accept(smallest.current);
                if (smallest.advance()) {
                    queue.add(smallest);
                }
                if ((++merged & 0xFFFFF) == 0 && System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    log.printf(Locale.ROOT, "  merged %,d hashes, %.0f s%n", merged, seconds());
                }
            }
        } finally {
            for (RunReader reader : readers) {
                reader.close();
            }
        }
    }

    private void progress(CorpusReader corpus) {
        if ((corpus.lineNumber & 0xFFFFF) == 0 && System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
            lastProgress = System.nanoTime();
            log.printf(Locale.ROOT, "  read %,d lines (%.1f %%), %.0f s%n", corpus.lineNumber,
                    corpus.size > 0 ? 100.0 * corpus.consumed / corpus.size : 0.0, seconds());
        }
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private record Run(Path file, long offset, long count) {
    }

    /** Reads {@code SHA1HEX:COUNT} lines as bytes: fast, and every error names its line. */
    private static final class CorpusReader implements Closeable {
        private static final int MAX_LINE_BYTES = 4096;

        private final Path file;
        private final InputStream in;
        private final long size;
        private final byte[] buffer = new byte[IO_BUFFER_BYTES];
        private int position;
        private int limit;
        private boolean endOfInput;
        long consumed;
        long lineNumber;
        long zeroCounts;
        long hash;

        CorpusReader(Path file) throws IOException {
            this.file = file;
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " does not exist or is not a file");
            }
            this.size = Files.size(file);
            this.in = Files.newInputStream(file);
        }

        /** Reads the next hash into {@link #hash}; false at the end of the input. */
        boolean next() throws IOException {
            while (true) {
                int newline = indexOfNewline();
                while (newline < 0 && !endOfInput) {
                    fill();
                    newline = indexOfNewline();
                }
                if (position >= limit && endOfInput) {
                    return false;
                }
                int end = newline >= 0 ? newline : limit;
                int start = position;
                position = newline >= 0 ? newline + 1 : limit;
                consumed += position - start;
                lineNumber++;
                if (end > start && buffer[end - 1] == '\r') {
                    end--;
                }
                if (lineNumber == 1 && end - start >= 3 && (buffer[start] & 0xFF) == 0xEF
                        && (buffer[start + 1] & 0xFF) == 0xBB && (buffer[start + 2] & 0xFF) == 0xBF) {
                    start += 3; // UTF-8 byte order mark
                }
                if (end == start) {
                    continue; // blank line
                }
                if (parse(start, end)) {
                    return true;
                }
                zeroCounts++;
            }
        }

        private int indexOfNewline() {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void fill() throws IOException {
            if (limit - position >= MAX_LINE_BYTES) {
                throw new CorpusFormatException(file + " line " + (lineNumber + 1) + ": longer than " + MAX_LINE_BYTES
                        + " bytes; expected text lines SHA1HEX:COUNT (is the corpus still compressed?)");
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }

        /** Sets {@link #hash}; false for a line whose count is 0. */
        private boolean parse(int start, int end) throws CorpusFormatException {
            int colon = start + 40;
            long top = 0;
            boolean hex = end - start >= 42 && buffer[colon] == ':';
            for (int i = start; hex && i < colon; i++) {
                int nibble = hexValue(buffer[i]);
                if (nibble < 0) {
                    hex = false;
                } else if (i < start + 16) {
                    top = (top << 4) | nibble;
                }
            }
            boolean positive = false;
            for (int i = colon + 1; hex && i < end; i++) {
                if (buffer[i] < '0' || buffer[i] > '9') {
                    hex = false;
                } else {
                    positive |= buffer[i] != '0';
                }
            }
            if (!hex) {
                throw malformed(start, end);
            }
            hash = top;
            return positive;
        }

        private static int hexValue(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            int lower = b | 0x20;
            return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
        }

        private CorpusFormatException malformed(int start, int end) {
            StringBuilder shown = new StringBuilder();
            for (int i = start; i < Math.min(end, start + 60); i++) {
                char c = (char) (buffer[i] & 0xFF);
                shown.append(c >= 0x20 && c < 0x7F ? c : '?');
            }
            String hint = "";
            int colon = shown.indexOf(":");
            if (colon == 32) {
                hint = " (this looks like an NTLM hash: download the SHA-1 corpus)";
            }
            return new CorpusFormatException(file + " line " + lineNumber + ": expected 40 hexadecimal characters, "
                    + "a colon and a count, like 000000005AD76BD555C1D6D771DE417A4B87E4B4:10; found \"" + shown
                    + (end - start > 60 ? "…" : "") + "\"" + hint);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Big-endian longs to a file through one buffer. */
    private static class LongFileOutput implements Closeable {
        final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BUFFER_BYTES);

        LongFileOutput(Path file, long position) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            channel.position(position);
        }

        void write(long value) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putLong(value);
        }

        void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Writes the records of the output file in increasing order, skipping duplicates and
     * counting bucket sizes at the finest index resolution; {@link #finish} adds the index
     * and the header once the count is known.
     */
    private static final class HashFileWriter extends LongFileOutput {
        private final Path file;
        private final int[] bucketCounts = new int[1 << MAX_INDEX_BITS];
        long count;
        long duplicates;
        long last;

        HashFileWriter(Path file) throws IOException {
            super(file, HEADER_BYTES);
            this.file = file;
        }

        void add(long hash) throws IOException {
            if (count > 0) {
                int order = Long.compareUnsigned(hash, last);
                if (order == 0) {
                    duplicates++;
                    return;
                }
                if (order < 0) {
                    throw new IllegalStateException("records out of order");
                }
            }
            write(hash);
            bucketCounts[(int) (hash >>> (Long.SIZE - MAX_INDEX_BITS))]++;
            last = hash;
            count++;
        }

        /** After {@link #close()}: appends the index and writes the header. */
        void finish() throws IOException {
            int bits = OfflineBreachedHashes.indexBitsFor(count);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer index = ByteBuffer.allocate(IO_BUFFER_BYTES);
                long position = HEADER_BYTES + count * RECORD_BYTES;
                long start = 0;
                int finePerBucket = 1 << (MAX_INDEX_BITS - bits);
                for (int bucket = 0; bucket <= 1 << bits; bucket++) {
                    if (!index.hasRemaining()) {
                        position += drain(out, index, position);
                    }
                    index.putLong(start);
                    if (bucket < 1 << bits) {
                        for (int fine = bucket * finePerBucket; fine < (bucket + 1) * finePerBucket; fine++) {
                            start += bucketCounts[fine];
                        }
                    }
                }
                drain(out, index, position);
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                header.putLong(OfflineBreachedHashes.MAGIC).putInt(OfflineBreachedHashes.VERSION)
                        .putInt(OfflineBreachedHashes.HASH_BITS).putInt(RECORD_BYTES).putInt(bits)
                        .putLong(count).putLong(HEADER_BYTES).putLong(HEADER_BYTES + count * RECORD_BYTES);
                header.position(HEADER_BYTES); // the rest is reserved, zero
                drain(out, header, 0);
                out.force(true);
            }
        }

        private static long drain(FileChannel out, ByteBuffer buffer, long position) throws IOException {
            buffer.flip();
            long written = 0;
            while (buffer.hasRemaining()) {
                written += out.write(buffer, position + written);
            }
            buffer.clear();
            return written;
        }
    }

    /** Reads one sorted run back. */
    private static final class RunReader implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(RUN_READ_BUFFER_BYTES);
        private long remaining;
        long current;

        RunReader(Run run) throws IOException {
            channel = FileChannel.open(run.file(), StandardOpenOption.READ);
            channel.position(run.offset());
            remaining = run.count();
            buffer.flip();
        }

        boolean advance() throws IOException {
            if (remaining == 0) {
                return false;
            }
            if (buffer.remaining() < RECORD_BYTES) {
                buffer.compact();
                while (buffer.position() < RECORD_BYTES) {
                    if (channel.read(buffer) < 0) {
                        throw new IOException("temporary sort file ended early");
                    }
                }
                buffer.flip();
            }
            current = buffer.getLong();
            remaining--;
            return true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
