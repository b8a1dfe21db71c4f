package fr.paris.casvp.keycloak.benchmarks;

import fr.paris.casvp.keycloak.passwordpolicy.blocklist.BlocklistPasswordPolicyProviderFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The words {@code casvp-blocklist} ships (lists common, french, names, organisation, read
 * from the password-policy JAR as the policy reads them: UTF-8, one entry a line, blank lines
 * and {@code #} comments skipped), written as a plain word file for Keycloak's built-in
 * {@code passwordBlacklist} policy, so that both are compared on the same words.
 */
final class BlocklistWords {

    static final String FILE_NAME = "casvp-blocklist-words.txt";
    private static final String RESOURCES = "/fr/paris/casvp/keycloak/passwordpolicy/blocklist/";
    private static final List<String> SHIPPED = List.of("common.txt.gz", "french.txt.gz", "names.txt.gz",
            "organisation.txt");

    private BlocklistWords() {
    }

    /** Every distinct entry of the shipped lists, in list order. */
    static Set<String> shipped() {
        Set<String> entries = new LinkedHashSet<>();
        for (String resource : SHIPPED) {
            String path = RESOURCES + resource;
            try (InputStream in = BlocklistPasswordPolicyProviderFactory.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(path + " is missing from the password-policy JAR");
                }
                InputStream data = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
                BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String entry = line.strip();
                    if (!entry.isEmpty() && !entry.startsWith("#")) {
                        entries.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return entries;
    }

    /** Writes {@link #shipped()} to {@code dir/}{@value #FILE_NAME}, one a line; returns the count. */
    static int writeTo(Path dir) {
        Set<String> entries = shipped();
        try {
            Files.write(dir.resolve(FILE_NAME), entries, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the word file in " + dir, e);
        }
        return entries.size();
    }
}
