package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.policy.PasswordPolicyConfigException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlocklistSettingsTest {

    private static final Set<String> AVAILABLE =
            new LinkedHashSet<>(List.of("common", "french", "names", "organisation", "agents"));

    @Test
    void defaultValueChoosesEveryListAndFivePoints() {
        BlocklistSettings settings = BlocklistSettings.parse(BlocklistSettings.DEFAULT_VALUE, AVAILABLE);
        assertEquals(new BlocklistSettings(List.of("all"), 5), settings);
        assertEquals(settings, BlocklistSettings.parse("", AVAILABLE));
        assertEquals(settings, BlocklistSettings.parse(null, AVAILABLE));
    }

    @Test
    void listsAreJoinedByPlusAndABareValueIsThePointsThreshold() {
        assertEquals(new BlocklistSettings(List.of("common", "french", "names", "organisation"), 5),
                BlocklistSettings.parse("lists=common+french+names+organisation,minPoints=5", AVAILABLE));
        assertEquals(new BlocklistSettings(List.of("organisation", "agents"), 7),
                BlocklistSettings.parse(" lists = Organisation + agents + organisation , minPoints = 7 ", AVAILABLE));
        assertEquals(new BlocklistSettings(List.of("all"), 6), BlocklistSettings.parse("6", AVAILABLE));
        assertEquals(new BlocklistSettings(List.of("all"), 0), BlocklistSettings.parse("minPoints=0", AVAILABLE));
        assertEquals(new BlocklistSettings(List.of("all"), 5), BlocklistSettings.parse("lists=common+all", AVAILABLE));
    }

    @ParameterizedTest(name = "\"{0}\" is refused with a message containing \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            lists=common+frnch          | unknown list 'frnch'; available: all, common, french, names, organisation, agents
            lists=common++french        | lists has an empty name; write names joined by +, e.g. common+french
            lists=+                     | lists has an empty name; write names joined by +, e.g. common+french
            lists=common+               | lists has an empty name; write names joined by +, e.g. common+french
            minPoints=-1                | minPoints must be between 0 and 32, not -1
            minPoints=33                | minPoints must be between 0 and 32, not 33
            minPoints=five              | minPoints must be a whole number, not 'five'
            list=common                 | unknown setting 'list'; allowed: lists, minPoints
            minPoints=5,minPoints=6     | 'minPoints' is given twice
            """)
    void adminMistakesAreRefusedWhenThePolicyIsSaved(String value, String message) {
        PasswordPolicyConfigException e = assertThrows(PasswordPolicyConfigException.class,
                () -> BlocklistSettings.parse(value, AVAILABLE));
        assertEquals("casvp-blocklist: " + message, e.getMessage());
    }
}
