package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The named word lists of the policy, each an exact {@link TermAutomaton}: the four shipped
 * in the JAR ({@code common}, {@code french}, {@code names}, {@code organisation}) and the
 * {@code *.txt} files of the extra-lists folder. An extra file named like a shipped list is
 * merged into it ({@code organisation.txt} adds organisation terms); any other name becomes
 * a list of its own, chosen by that name. Built once by the factory; immutable and
 * thread-safe afterwards.
 */
final class Blocklists {

    /** In a policy value: every list, shipped and extra. */
    static final String ALL = "all";
    static final List<String> SHIPPED = List.of("common", "french", "names", "organisation");
    /** Shorter cores are dropped (the downloaded lists already keep only 4 and more). */
    static final int MIN_TERM_LENGTH = 3;
    /** Longer cores are dropped: no password core worth listing is longer. */
    static final int MAX_TERM_LENGTH = 64;

    private static final Logger LOG = Logger.getLogger(Blocklists.class);
    private static final Pattern LIST_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final String RESOURCES = "/fr/paris/casvp/keycloak/passwordpolicy/blocklist/";

    private final Map<String, TermAutomaton> lists;

    private Blocklists(Map<String, TermAutomaton> lists) {
        this.lists = Collections.unmodifiableMap(lists);
    }

    /**
     * The shipped lists plus the {@code *.txt} files of {@code extraDirectory} (none when it
     * is null or does not exist). A file that cannot be read is skipped with a warning, so
     * one bad file never stops Keycloak from starting.
     */
    static Blocklists load(Path extraDirectory) {
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        for (String name : SHIPPED) {
            String resource = RESOURCES + name + (name.equals("organisation") ? ".txt" : ".txt.gz");
            try (InputStream in = Blocklists.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("casvp-blocklist: " + resource + " is missing from the JAR");
                }
                terms.put(name, read(resource.endsWith(".gz") ? new GZIPInputStream(in) : in));
            } catch (IOException e) {
                throw new UncheckedIOException("casvp-blocklist: cannot read " + resource, e);
            }
        }
        for (Path file : extraFiles(extraDirectory)) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".txt".length()).toLowerCase(Locale.ROOT);
            if (!LIST_NAME.matcher(name).matches() || name.equals(ALL)) {
                LOG.warnf("casvp-blocklist: ignoring %s: a list name is 1 to 40 lower-case letters, digits, "
                        + "'-' or '_', and not '%s'", file, ALL);
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                Set<String> extra = read(in);
                terms.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(extra);
                LOG.infof("casvp-blocklist: %d entries of %s added to list '%s'", extra.size(), file, name);
            } catch (IOException e) {
                LOG.warnf("casvp-blocklist: ignoring %s, which cannot be read as UTF-8 text: %s", file, e);
            }
        }
        return of(terms);
    }

    /** Lists made of entries as written (each is normalised here), in the given order. */
    static Blocklists of(Map<String, ? extends Collection<String>> termsByList) {
        Map<String, TermAutomaton> lists = new LinkedHashMap<>();
        termsByList.forEach((name, terms) -> lists.put(name, TermAutomaton.of(normalised(terms))));
        return new Blocklists(lists);
    }

    /** List names, shipped first, then extra lists in file-name order. */
    Set<String> names() {
        return lists.keySet();
    }

    TermAutomaton list(String name) {
        return lists.get(name);
    }

    /** The automata of the named lists ({@link #ALL} for all of them); names must exist. */
    List<TermAutomaton> select(Collection<String> names) {
        if (names.contains(ALL)) {
            return List.copyOf(lists.values());
        }
        List<TermAutomaton> selected = new ArrayList<>(names.size());
        for (String name : names) {
            TermAutomaton list = lists.get(name);
            if (list == null) {
                throw new IllegalArgumentException("no list named " + name);
            }
            selected.add(list);
        }
        return selected;
    }

    /** Heap taken by all lists (see {@link TermAutomaton#retainedBytes()}). */
    long retainedBytes() {
        return lists.values().stream().mapToLong(TermAutomaton::retainedBytes).sum();
    }

    /** For the log: {@code common 35691, french 25102, ...}. */
    String summary() {
        return lists.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                .collect(Collectors.joining(", "));
    }

    private static List<Path> extraFiles(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException e) {
            LOG.warnf("casvp-blocklist: cannot list %s, extra lists ignored: %s", directory, e);
            return List.of();
        }
    }

    /** Entries of a UTF-8 text, one a line; blank lines and lines starting with # are skipped. */
    private static Set<String> read(InputStream in) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String entry = (entries.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Set<String> normalised(Collection<String> entries) {
        Set<String> terms = new HashSet<>(entries.size() * 2);
        for (String entry : entries) {
            for (String term : PasswordNormaliser.terms(entry, MIN_TERM_LENGTH)) {
                if (term.codePointCount(0, term.length()) <= MAX_TERM_LENGTH) {
                    terms.add(term);
                }
            }
        }
        return terms;
    }
}
