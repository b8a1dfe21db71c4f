package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;

/**
 * {@code casvp-lost-second-factor}: placed after the second-factor sub-flows of the browser
 * flow. An agent who signed in with a recovery code sets up a new authenticator app.
 */
public final class LostSecondFactorStepFactory extends StepFactory {

    public static final String ID = "casvp-lost-second-factor";

    public LostSecondFactorStepFactory() {
        super(ID, new LostSecondFactorStep(), "CASVP: new app after a recovery code",
                "After the second factor: an agent who signed in with a recovery code must set up a new"
                        + " authenticator app (the old one is removed as lost).", null);
    }

    @Override
    public String getReferenceCategory() {
        return RecoveryCodeStepFactory.REFERENCE_CATEGORY;
    }
}
