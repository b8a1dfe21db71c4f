package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lists written by {@code data/regenerate-blocklists.sh} (a node script) must be exactly
 * what the Java normaliser would produce, or the shipped terms would never match.
 */
class ShippedBlocklistsTest {

    static final String RESOURCES = "/fr/paris/casvp/keycloak/passwordpolicy/blocklist/";

    @ParameterizedTest(name = "{0} holds at least {1} terms, sorted, distinct and already normalised")
    @CsvSource({"common, 30000", "french, 20000", "names, 10000"})
    void shippedListsAreInTheNormaliserForm(String name, int atLeast) throws IOException {
        List<String> lines = shippedTerms(name);
        assertTrue(lines.size() >= atLeast, name + " has " + lines.size() + " terms");
        String previous = null;
        for (String line : lines) {
            assertEquals(List.of(line), PasswordNormaliser.terms(line, 4), name + ": " + line);
            assertEquals(List.of(line), PasswordNormaliser.terms(line + "!", 4),
                    name + ": " + line + " should be its own core");
            if (previous != null) {
                assertTrue(Arrays.compare(previous.codePoints().toArray(), line.codePoints().toArray()) < 0,
                        name + ": " + previous + " before " + line);
            }
            previous = line;
        }
    }

    @Test
    void organisationListIsShortAndTypedByHand() throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = reader(RESOURCES + "organisation.txt")) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(entries::add);
        }
        assertTrue(entries.size() > 50 && entries.size() < 500, entries.size() + " entries");
        for (String entry : entries) {
            assertEquals(1, PasswordNormaliser.terms(entry, Blocklists.MIN_TERM_LENGTH).size(), entry);
        }
        assertTrue(entries.containsAll(List.of("casvp", "paris", "mairie", "intraparis", "webmail", "ville de paris",
                "action sociale", "supap", "fsu", "cgt", "unsa", "juillet", "été")));
    }

    @Test
    void sourcesAndLicencesTravelWithTheLists() throws IOException {
        String notice;
        try (BufferedReader reader = reader(RESOURCES + "NOTICE.txt")) {
            notice = String.join("\n", reader.lines().toList());
        }
        assertTrue(notice.contains("@zxcvbn-ts/language-common 4.1.3"));
        assertTrue(notice.contains("@zxcvbn-ts/language-fr     4.1.2"));
        assertTrue(notice.contains("ODC-BY"));
        assertTrue(notice.contains("Permission is hereby granted"));
    }

    /** The terms of a shipped {@code <name>.txt.gz}, in file order. */
    static List<String> shippedTerms(String name) throws IOException {
        try (BufferedReader reader = reader(RESOURCES + name + ".txt.gz")) {
            return reader.lines().toList();
        }
    }

    private static BufferedReader reader(String resource) throws IOException {
        InputStream in = ShippedBlocklistsTest.class.getResourceAsStream(resource);
        assertNotNull(in, resource);
        InputStream data = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
        return new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8));
    }
}
