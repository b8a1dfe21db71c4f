package fr.paris.casvp.keycloak.authenticators.archfixture.first;

import fr.paris.casvp.keycloak.authenticators.archfixture.second.Second;

/** Half of a deliberate package cycle, for {@code PackageStructureTest}. */
public final class First {

    public Second next() {
        return new Second();
    }
}
