package fr.paris.casvp.keycloak.authenticators;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The feature packages of {@code authenticators} (device, lockout, recovery, …) depend on one
 * another in one direction only: a newcomer can read each one with only what it builds on.
 */
class PackageStructureTest {

    private static final String ROOT = "fr.paris.casvp.keycloak.authenticators";

    private static final String[] FOUNDATION = {ROOT + ".settings..", ROOT + ".provider..", ROOT + ".support..",
            ROOT + ".mail..", ROOT + ".account..", ROOT + ".identifier..", ROOT + ".metrics.."};
    private static final String[] FEATURES = {ROOT + ".action..", ROOT + ".admin..", ROOT + ".browser..",
            ROOT + ".device..", ROOT + ".expiry..", ROOT + ".grant..", ROOT + ".helpdesk..", ROOT + ".lockout..",
            ROOT + ".network..", ROOT + ".notify..", ROOT + ".notme..", ROOT + ".otp..", ROOT + ".password..",
            ROOT + ".privileged..", ROOT + ".recovery..", ROOT + ".setup..", ROOT + ".store.."};

    private static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static ArchRule noCyclesBetweenPackagesOf(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void thePackagesHaveNoCycles() {
        noCyclesBetweenPackagesOf(ROOT).check(mainClasses());
    }

    /**
     * What every feature builds on — settings, provider base classes, mail, the agent's
     * addresses, plumbing — knows no feature: a change in a step never ripples into them.
     */
    @Test
    void theFoundationKnowsNoFeature() {
        noClasses().that().resideInAnyPackage(FOUNDATION)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(mainClasses());
    }

    /**
     * A feature's table is its own: its rows are read and written by its package, the JPA
     * provider ({@code store}) and the admin endpoint; other features go through its API.
     */
    @Test
    void onlyItsOwnPackageTheStoreAndTheAdminEndpointTouchAFeaturesRows() {
        for (String feature : new String[] {"device", "lockout"}) {
            noClasses().that().resideOutsideOfPackages(ROOT + "." + feature, ROOT + ".store", ROOT + ".admin")
                    .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                            .resideInAPackage(ROOT + "." + feature)
                            .and(com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameEndingWith("Entity")))
                    .check(mainClasses());
        }
    }

    @Test
    void theRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        assertThrows(AssertionError.class, () -> noCyclesBetweenPackagesOf(ROOT + ".archfixture").check(cyclic));
    }
}
