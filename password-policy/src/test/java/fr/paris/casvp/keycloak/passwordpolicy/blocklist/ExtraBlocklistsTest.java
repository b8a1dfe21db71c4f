package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Word lists an admin drops into {@code ${kc.home.dir}/data/casvp-blocklists/}. */
class ExtraBlocklistsTest {

    @TempDir
    Path dir;

    @Test
    void aFileNamedLikeAShippedListAddsToIt() throws Exception {
        int shipped = Blocklists.load(null).list("organisation").size();
        Files.writeString(dir.resolve("organisation.txt"), "\uFEFF# Projets internes\nProjet Athéna\n\nSIRH-Paris\n");
        Blocklists lists = Blocklists.load(dir);
        TermAutomaton organisation = lists.list("organisation");
        assertEquals(shipped + 2, organisation.size());
        assertTrue(organisation.contains("projetathena"));
        assertTrue(organisation.contains("sirhparis"));
        assertFalse(organisation.contains("projetsinternes"));
        assertEquals(Blocklists.SHIPPED, List.copyOf(lists.names()));
    }

    @Test
    void anyOtherFileIsAListOfItsOwnNamedAfterIt() throws Exception {
        Files.writeString(dir.resolve("Services.txt"), "Pôle Seniors\nEHPAD Cousin de Méricourt\n");
        Files.writeString(dir.resolve("agents.txt"), "Dupont-Moretti\n");
        Files.writeString(dir.resolve("notes.md"), "not a list\n");
        Blocklists lists = Blocklists.load(dir);
        assertEquals(List.of("common", "french", "names", "organisation", "agents", "services"),
                List.copyOf(lists.names()));
        assertTrue(lists.list("services").contains("poleseniors"));
        assertTrue(lists.list("services").contains("ehpadcousindemericourt"));
        assertTrue(lists.list("agents").contains("dupontmoretti"));
    }

    @Test
    void filesThatCannotBeUsedAreSkippedWithoutStoppingTheOthers() throws Exception {
        Files.write(dir.resolve("broken.txt"), new byte[] {'a', 'b', 'c', 'd', (byte) 0xC3, '\n'});
        Files.writeString(dir.resolve("all.txt"), "reserved\n");
        Files.writeString(dir.resolve("two words.txt"), "badname\n");
        Files.writeString(dir.resolve("agents.txt"), "Martin\n", StandardCharsets.UTF_8);
        Blocklists lists = Blocklists.load(dir);
        assertEquals(List.of("common", "french", "names", "organisation", "agents"), List.copyOf(lists.names()));
    }

    @Test
    void aMissingFolderMeansTheShippedListsOnly() {
        assertEquals(Blocklists.SHIPPED, List.copyOf(Blocklists.load(dir.resolve("nowhere")).names()));
    }

    @Test
    void extraTermsAreReadWithTheSameNormalisationAsPasswords() throws Exception {
        Files.writeString(dir.resolve("agents.txt"), "  Gr3g0ire L@fleur 1975 \n");
        BlocklistMatcher matcher = new BlocklistMatcher(Blocklists.load(dir).select(List.of("agents")), 5);
        assertEquals("gregoirelafleur", matcher.listedCore("GregoireLafleur!"));
        assertEquals("gregoirelafleur", matcher.listedCore("grégoire-lafleur 2024"));
    }
}
