package fr.paris.casvp.keycloak.passwordpolicy.breached;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.ModelException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedPasswordPolicyRangeApiTest.sha1Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building small offline files and reading them, alone and through the policy. */
class OfflineBreachedHashesTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();

    @BeforeEach
    void initFactory() {
        factory.init(null);
    }

    @AfterEach
    void closeFactory() {
        factory.close();
    }

    private static List<String> passwords(int count) {
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            passwords.add("pw" + i);
        }
        return passwords;
    }

    private static List<String> lines(List<String> passwords) {
        return passwords.stream().map(p -> sha1Hex(p) + ":" + (p.length() + 1)).sorted().collect(Collectors.toList());
    }

    private BreachedHashFileBuilder.Summary build(Path corpus, Path output, int runSize) throws IOException {
        return new BreachedHashFileBuilder(corpus, output, null, runSize, QUIET).build();
    }

    @Test
    void aSortedCorpusWithCrlfLowerCaseAndAByteOrderMarkIsStreamedIntoAFileThatFindsEveryHash() throws IOException {
        List<String> passwords = passwords(2000);
        List<String> lines = lines(passwords);
        StringBuilder text = new StringBuilder("\uFEFF");
        for (int i = 0; i < lines.size(); i++) {
            String line = i % 3 == 0 ? lines.get(i).toLowerCase() : lines.get(i);
            text.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        text.append("\n");
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), text.toString());
        Path output = dir.resolve("breached.bin");

        BreachedHashFileBuilder.Summary summary = build(corpus, output, BreachedHashFileBuilder.DEFAULT_RUN_SIZE);

        assertEquals(2000, summary.hashes());
        assertEquals(0, summary.runs());
        assertEquals(OfflineBreachedHashes.fileBytes(2000, 3), Files.size(output));
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output)) {
            assertEquals(2000, hashes.size());
            assertEquals(3, hashes.indexBits());
            for (String password : passwords) {
                assertTrue(hashes.contains(BreachedPasswordPolicyProvider.sha1(password)), password);
            }
            for (int i = 0; i < 2000; i++) {
                assertFalse(hashes.contains(BreachedPasswordPolicyProvider.sha1("absent" + i)));
            }
        }
        assertEquals(Set.of("corpus.txt", "breached.bin"), filesIn(dir));
    }

    @Test
    void anUnsortedCorpusIsSortedThroughTemporaryRunsWithDuplicatesAndZeroCountsSkipped() throws IOException {
        List<String> passwords = passwords(500);
        List<String> lines = new ArrayList<>(lines(passwords));
        lines.addAll(lines.subList(0, 40)); // duplicates
        lines.add(sha1Hex("only padding") + ":0");
        Collections.shuffle(lines, new Random(42));
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines);
        Path output = dir.resolve("breached.bin");

        BreachedHashFileBuilder.Summary summary = build(corpus, output, 37);

        assertEquals(500, summary.hashes());
        assertEquals(40, summary.duplicates());
        assertEquals(1, summary.zeroCounts());
        assertTrue(summary.runs() > 10, "runs: " + summary.runs());
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output)) {
            for (String password : passwords) {
                assertTrue(hashes.contains(BreachedPasswordPolicyProvider.sha1(password)), password);
            }
            assertFalse(hashes.contains(BreachedPasswordPolicyProvider.sha1("only padding")));
        }
        assertEquals(Set.of("corpus.txt", "breached.bin"), filesIn(dir), "temporary files are removed");
    }

    @Test
    void manyRunsAreMergedInSeveralPasses() throws IOException {
        List<String> passwords = passwords(3000);
        List<String> lines = new ArrayList<>(lines(passwords));
        Collections.shuffle(lines, new Random(7));
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines);
        Path output = dir.resolve("breached.bin");

        // 3000 / 10 = 300 runs, more than one merge can take at once.
        BreachedHashFileBuilder.Summary summary = build(corpus, output, 10);

        assertTrue(summary.runs() > BreachedHashFileBuilder.MAX_MERGE_FAN_IN);
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output)) {
            assertEquals(3000, hashes.size());
            for (String password : passwords) {
                assertTrue(hashes.contains(BreachedPasswordPolicyProvider.sha1(password)), password);
            }
        }
        assertEquals(Set.of("corpus.txt", "breached.bin"), filesIn(dir));
    }

    @Test
    void lookupsWorkAcrossChunkBordersAsInFilesLargerThanTwoGigabytes() throws IOException {
        List<String> passwords = passwords(1000);
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines(passwords));
        Path output = dir.resolve("breached.bin");
        build(corpus, output, BreachedHashFileBuilder.DEFAULT_RUN_SIZE);

        // 8 records per mapped chunk: 125 chunks, as a 7 GB file has 7 chunks of 1 GB.
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output, 64)) {
            for (String password : passwords) {
                assertTrue(hashes.contains(BreachedPasswordPolicyProvider.sha1(password)), password);
            }
            assertFalse(hashes.contains(BreachedPasswordPolicyProvider.sha1("absent")));
            assertFalse(hashes.contains(0L));
            assertFalse(hashes.contains(-1L));
        }
    }

    @Test
    void anEmptyCorpusMakesAFileThatFindsNothing() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "");
        Path output = dir.resolve("breached.bin");

        assertEquals(0, build(corpus, output, 10).hashes());
        try (OfflineBreachedHashes hashes = OfflineBreachedHashes.open(output)) {
            assertFalse(hashes.contains(BreachedPasswordPolicyProvider.sha1("P@ssw0rd")));
        }
    }

    @Test
    void aMalformedLineIsReportedWithItsLineNumberAndNoFileIsLeft() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), String.join("\n",
                "000000005AD76BD555C1D6D771DE417A4B87E4B4:10",
                "00000000A8DAE4228F821FB418F59826079BF368:4",
                "00000000DD7F2A1C68A35673713783CA390C9E93 4",
                "00000001E225B908BAC31C56DB04D892E47536E0:6"));
        Path output = dir.resolve("breached.bin");

        BreachedHashFileBuilder.CorpusFormatException refused = assertThrows(
                BreachedHashFileBuilder.CorpusFormatException.class, () -> build(corpus, output, 10));

        assertTrue(refused.getMessage().startsWith(corpus + " line 3: expected 40 hexadecimal characters"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("found \"00000000DD7F2A1C68A35673713783CA390C9E93 4\""),
                refused.getMessage());
        assertEquals(Set.of("corpus.txt"), filesIn(dir));
    }

    @Test
    void anNtlmCorpusGetsAHint() throws IOException {
        Path corpus = Files.writeString(dir.resolve("ntlm.txt"), "00000001B6E4C6D1F3A3F7C7F6D3D2A1:3\n");

        BreachedHashFileBuilder.CorpusFormatException refused = assertThrows(
                BreachedHashFileBuilder.CorpusFormatException.class, () -> build(corpus, dir.resolve("o.bin"), 10));
        assertTrue(refused.getMessage().contains("line 1:") && refused.getMessage().contains("NTLM"),
                refused.getMessage());
    }

    @Test
    void theCommandLineExplainsItsUsageAndItsErrors() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(2, BreachedHashFileBuilder.run(new String[]{"only-one.txt"}, QUIET, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: java -cp casvp-keycloak-bundle.jar "
                + BreachedHashFileBuilder.class.getName()));

        err.reset();
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "not a hash\n");
        assertEquals(1, BreachedHashFileBuilder.run(
                new String[]{corpus.toString(), dir.resolve("o.bin").toString()}, QUIET, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + corpus + " line 1: "));
    }

    @Test
    void aDamagedOrForeignFileIsRefusedWithAClearReason() throws IOException {
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines(passwords(100)));
        Path output = dir.resolve("breached.bin");
        build(corpus, output, 10);
        try (FileChannel channel = FileChannel.open(output, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 8);
        }

        IOException truncated = assertThrows(IOException.class, () -> OfflineBreachedHashes.open(output));
        assertTrue(truncated.getMessage().contains("is truncated or damaged"), truncated.getMessage());
        IOException foreign = assertThrows(IOException.class, () -> OfflineBreachedHashes.open(corpus));
        assertTrue(foreign.getMessage().contains("is not a breached-hash file"), foreign.getMessage());
    }

    @Test
    void inOfflineModeThePolicyRefusesBreachedPasswordsWithoutAnyHttpRequest() throws IOException {
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines(List.of("P@ssw0rd", "azerty123", "soleil")));
        Path output = dir.resolve("breached.bin");
        build(corpus, output, 10);
        // The URL points nowhere and onError=reject: had the policy used HTTP, every password
        // would be refused as "could not check".
        RealmWithPolicy realm = RealmWithPolicy.of(factory,
                "casvp-breached(url=http://127.0.0.1:1/range/,onError=reject,file=" + output + ")");

        assertEquals("casvp.passwordPolicy.breached", realm.check("P@ssw0rd").getMessage());
        assertEquals("casvp.passwordPolicy.breached", realm.check("azerty123").getMessage());
        assertNull(realm.check("Lanterne verte sur le quai 7"));
        assertEquals(0, factory.rangeClient().cachedRanges());
    }

    @Test
    void aFileReplacedOnDiskIsUsedOnceThePolicyIsSavedAgain() throws IOException {
        Path output = dir.resolve("breached.bin");
        build(Files.write(dir.resolve("v1.txt"), lines(List.of("P@ssw0rd"))), output, 10);
        String policy = "casvp-breached(file=" + output + ")";
        RealmWithPolicy before = RealmWithPolicy.of(factory, policy);
        assertNull(before.check("nouveau-mot-2026"));

        build(Files.write(dir.resolve("v2.txt"), lines(List.of("P@ssw0rd", "nouveau-mot-2026"))), output, 10);
        RealmWithPolicy after = RealmWithPolicy.of(factory, policy);

        assertEquals("casvp.passwordPolicy.breached", after.check("nouveau-mot-2026").getMessage());
    }

    @Test
    void aFileRemovedAfterItWasOpenedKeepsAnsweringFromItsMapping() throws IOException {
        Path output = dir.resolve("breached.bin");
        build(Files.write(dir.resolve("v1.txt"), lines(List.of("P@ssw0rd"))), output, 10);
        String policy = "casvp-breached(file=" + output + ")";
        RealmWithPolicy.of(factory, policy);
        Files.delete(output);

        assertEquals("casvp.passwordPolicy.breached", RealmWithPolicy.of(factory, policy).check("P@ssw0rd").getMessage());
    }

    @Test
    void indexBitsGrowWithTheCorpusUpToTheLimit() {
        assertEquals(0, OfflineBreachedHashes.indexBitsFor(0));
        assertEquals(0, OfflineBreachedHashes.indexBitsFor(256));
        assertEquals(16, OfflineBreachedHashes.indexBitsFor(10_000_000));
        assertEquals(22, OfflineBreachedHashes.indexBitsFor(850_000_000));
        // Full corpus: 8 bytes per hash plus a 32 MB index.
        assertEquals(64 + 850_000_000L * 8 + ((1L << 22) + 1) * 8, OfflineBreachedHashes.fileBytes(850_000_000, 22));
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
