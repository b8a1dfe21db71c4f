package fr.paris.casvp.keycloak.passwordpolicy.breached;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The whole breach corpus on local disk, memory-mapped: answers "is this SHA-1 breached?"
 * in a few microseconds without any network. Files are made by
 * {@link BreachedHashFileBuilder}. Uses the JDK only (the builder runs without Keycloak).
 *
 * <h2>File format (version 1, all numbers big-endian)</h2>
 * <pre>
 * offset  size  field
 *      0     8  magic "CASVPBRH"
 *      8     4  version = 1
 *     12     4  bits kept per hash = 64 (the first 64 bits of the SHA-1)
 *     16     4  bytes per record = 8
 *     20     4  index bits b (0..22)
 *     24     8  record count n
 *     32     8  offset of the records = 64
 *     40     8  offset of the index = 64 + 8n
 *     48    16  reserved (0)
 *     64    8n  records: the first 64 bits of each SHA-1 as an unsigned number, strictly increasing
 * 64 + 8n   8(2^b + 1)  index: entry k = number of records whose top b bits are below k
 * </pre>
 * A lookup reads two index entries (bucket = top b bits) and binary-searches the bucket,
 * about 256 records on average (b is chosen for that, up to 2^22 buckets), so the pages it
 * touches fit in one or two 4 KB pages: p99 well under 50 µs once the file is in the page cache.
 *
 * <p><b>False positives.</b> Keeping 64 of the 160 bits means an absent password can match
 * a stored hash by chance with probability about n / 2^64 per lookup: 4.6 × 10^-11 for the
 * full corpus of 850 million hashes, i.e. one wrongly refused password in 20 billion. There
 * are no false negatives. The file takes 8 bytes per hash (6.8 GB for 850 M) plus the index.
 *
 * <p><b>Large files.</b> Records are mapped in chunks of {@link #DEFAULT_CHUNK_BYTES} (a
 * multiple of the record size, so no record straddles two chunks), so files above 2 GB work.
 * Lookups only use absolute reads of read-only buffers: any number of threads may call
 * {@link #contains} at once. Closing releases the file handle; the mapping itself is freed
 * by the garbage collector once no lookup holds this object.
 */
final class OfflineBreachedHashes implements AutoCloseable {

    static final long MAGIC = 0x4341535650425248L; // "CASVPBRH"
    static final int VERSION = 1;
    static final int HASH_BITS = 64;
    static final int RECORD_BYTES = 8;
    static final int HEADER_BYTES = 64;
    static final int MAX_INDEX_BITS = 22;
    static final int TARGET_BUCKET_RECORDS = 256;
    static final int DEFAULT_CHUNK_BYTES = 1 << 30;

    private final Path path;
    private final FileChannel channel;
    private final long count;
    private final int indexBits;
    private final ByteBuffer index;
    private final ByteBuffer[] chunks;
    private final int chunkShift;
    private final long chunkMask;
    private final Object fileKey;
    private final long lastModified;
    private final long size;

    private OfflineBreachedHashes(Path path, FileChannel channel, long count, int indexBits, ByteBuffer index,
                                  ByteBuffer[] chunks, int chunkShift, BasicFileAttributes attributes) {
        this.path = path;
        this.channel = channel;
        this.count = count;
        this.indexBits = indexBits;
        this.index = index;
        this.chunks = chunks;
        this.chunkShift = chunkShift;
        this.chunkMask = (1L << chunkShift) - 1;
        this.fileKey = attributes.fileKey();
        this.lastModified = attributes.lastModifiedTime().toMillis();
        this.size = attributes.size();
    }

    /** Opens and checks {@code path}; the message of the exception tells an admin what is wrong. */
    static OfflineBreachedHashes open(Path path) throws IOException {
        return open(path, DEFAULT_CHUNK_BYTES);
    }

    /** {@code chunkBytes}: a power of two, at least one record (small values let tests cross chunk borders). */
    static OfflineBreachedHashes open(Path path, int chunkBytes) throws IOException {
        if (Integer.bitCount(chunkBytes) != 1 || chunkBytes < RECORD_BYTES) {
            throw new IllegalArgumentException("chunk size must be a power of two of at least " + RECORD_BYTES);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IOException("breached-hash file " + path + " does not exist or cannot be read");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            long fileSize = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read the whole header
            }
            if (header.position() < HEADER_BYTES || header.getLong(0) != MAGIC) {
                throw new IOException(path + " is not a breached-hash file made by BreachedHashFileBuilder");
            }
            int version = header.getInt(8);
            if (version != VERSION || header.getInt(12) != HASH_BITS || header.getInt(16) != RECORD_BYTES) {
                throw new IOException(path + " has format version " + version + "; this version of the bundle reads "
                        + VERSION + ": rebuild it with BreachedHashFileBuilder");
            }
            int indexBits = header.getInt(20);
            long count = header.getLong(24);
            long recordsOffset = header.getLong(32);
            long indexOffset = header.getLong(40);
            if (indexBits < 0 || indexBits > MAX_INDEX_BITS || count < 0 || recordsOffset != HEADER_BYTES
                    || indexOffset != HEADER_BYTES + count * RECORD_BYTES
                    || fileSize != fileBytes(count, indexBits)) {
                throw new IOException(path + " is truncated or damaged (" + fileSize + " bytes, expected "
                        + fileBytes(Math.max(count, 0), Math.max(0, Math.min(indexBits, MAX_INDEX_BITS)))
                        + "): rebuild it with BreachedHashFileBuilder");
            }
            ByteBuffer index = channel.map(FileChannel.MapMode.READ_ONLY, indexOffset, indexBytes(indexBits));
            if (index.getLong(0) != 0 || index.getLong((int) indexBytes(indexBits) - RECORD_BYTES) != count) {
                throw new IOException(path + " has a damaged index: rebuild it with BreachedHashFileBuilder");
            }
            int chunkShift = Integer.numberOfTrailingZeros(chunkBytes / RECORD_BYTES);
            long recordsPerChunk = 1L << chunkShift;
            int chunkCount = (int) ((count + recordsPerChunk - 1) / recordsPerChunk);
            ByteBuffer[] chunks = new ByteBuffer[chunkCount];
            for (int i = 0; i < chunkCount; i++) {
                long first = i * recordsPerChunk;
                long records = Math.min(recordsPerChunk, count - first);
                MappedByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY,
                        recordsOffset + first * RECORD_BYTES, records * RECORD_BYTES);
                chunks[i] = chunk;
            }
            return new OfflineBreachedHashes(path, channel, count, indexBits, index, chunks, chunkShift, attributes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether the SHA-1 digest (20 bytes) is in the file, up to the false-positive rate above. */
    boolean contains(byte[] sha1) {
        return contains(top64(sha1));
    }

    /** Whether a hash whose first 64 bits are {@code hash64} is in the file. */
    boolean contains(long hash64) {
        int bucket = indexBits == 0 ? 0 : (int) (hash64 >>> (Long.SIZE - indexBits));
        return SortedSearch.contains(index.getLong(bucket * RECORD_BYTES),
                index.getLong((bucket + 1) * RECORD_BYTES) - 1, i -> Long.compareUnsigned(record(i), hash64));
    }

    private long record(long i) {
        return chunks[(int) (i >>> chunkShift)].getLong((int) ((i & chunkMask) * RECORD_BYTES));
    }

    /** Number of distinct 64-bit hashes in the file. */
    long size() {
        return count;
    }

    int indexBits() {
        return indexBits;
    }

    Path path() {
        return path;
    }

    /** False when the file on disk was replaced or changed since it was opened. */
    boolean isCurrent() {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            return Objects.equals(now.fileKey(), fileKey) && now.size() == size
                    && now.lastModifiedTime().toMillis() == lastModified;
        } catch (IOException e) {
            // Removed since: the mapping still holds the old file, keep using it.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The first 64 bits of a SHA-1 digest, as stored in the records. */
    static long top64(byte[] sha1) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (sha1[i] & 0xFF);
        }
        return value;
    }

    /** Index bits for {@code count} records: about {@link #TARGET_BUCKET_RECORDS} per bucket. */
    static int indexBitsFor(long count) {
        int bits = 0;
        while (bits < MAX_INDEX_BITS && (count >> bits) > TARGET_BUCKET_RECORDS) {
            bits++;
        }
        return bits;
    }

    static long indexBytes(int indexBits) {
        return ((1L << indexBits) + 1) * RECORD_BYTES;
    }

    static long fileBytes(long count, int indexBits) {
        return HEADER_BYTES + count * RECORD_BYTES + indexBytes(indexBits);
    }
}
