package fr.paris.casvp.keycloak.authenticators.identifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifierHelpTest {

    private static final IdentifierHelp CASVP = IdentifierHelp.of("@casvp.paris.fr, paris.fr",
            "[a-z0-9][a-z0-9'-]*(\\.[a-z0-9][a-z0-9'-]*)+");

    @ParameterizedTest(name = "\"{0}\" is looked up as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            '  camille.martin '            | camille.martin
            Camille.Martin                 | camille.martin
            CAMILLE.MARTIN@CASVP.PARIS.FR  | camille.martin
            camille.martin@paris.fr        | camille.martin
            camille.martin@gmail.com       | camille.martin@gmail.com
            @paris.fr                      | @paris.fr
            """)
    void spacesCaseAndTheOrganisationDomainAreRemoved(String typed, String lookedUp) {
        assertEquals(lookedUp, CASVP.normalise(typed));
    }

    @ParameterizedTest(name = "\"{0}\" gets the format hint: {1}")
    @CsvSource(textBlock = """
            camille.martin,     false
            jean-luc.o'brien2,  false
            cmartin,            true
            camille martin,     true
            camille.martin@gmail.com, true
            """)
    void hintDependsOnTheFormatOnly(String identifier, boolean hint) {
        assertEquals(hint, CASVP.deservesAHint(identifier));
    }

    @Test
    void noFormatMeansNoHint() {
        assertFalse(IdentifierHelp.of("", "").deservesAHint("anything at all"));
    }

    @Test
    void anInvalidExpressionIsReportedToTheAdmin() {
        assertThrows(IllegalArgumentException.class, () -> IdentifierHelp.of("", "[a-z"));
    }
}
