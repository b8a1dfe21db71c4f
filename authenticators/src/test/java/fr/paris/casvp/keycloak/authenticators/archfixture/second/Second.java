package fr.paris.casvp.keycloak.authenticators.archfixture.second;

import fr.paris.casvp.keycloak.authenticators.archfixture.first.First;

/** The other half of the deliberate package cycle, for {@code PackageStructureTest}. */
public final class Second {

    public First back() {
        return new First();
    }
}
