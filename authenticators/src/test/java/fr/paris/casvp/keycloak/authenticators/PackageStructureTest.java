package fr.paris.casvp.keycloak.authenticators;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The feature packages of {@code authenticators} (device, lockout, recovery, …) depend on one
 * another in one direction only: a newcomer can read each one with only what it builds on.
 */
class PackageStructureTest {

    private static final String ROOT = "fr.paris.casvp.keycloak.authenticators";

    private static ArchRule noCyclesBetweenPackagesOf(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void thePackagesHaveNoCycles() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        noCyclesBetweenPackagesOf(ROOT).check(main);
    }

    @Test
    void theRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        assertThrows(AssertionError.class, () -> noCyclesBetweenPackagesOf(ROOT + ".archfixture").check(cyclic));
    }
}
