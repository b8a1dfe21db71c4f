package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;

/**
 * {@code casvp-recovery-code}: the forgot-password step after the identifier. Replaces
 * Keycloak's "send reset email": the code goes to the verified recovery address, and the
 * helpdesk's one-time code is taken in the same field.
 */
public final class RecoveryCodeStepFactory extends StepFactory {

    public static final String ID = "casvp-recovery-code";
    /** The category of the recovery steps' failures in Keycloak's brute-force count. */
    static final String REFERENCE_CATEGORY = "casvp-recovery";

    public RecoveryCodeStepFactory() {
        super(ID, new RecoveryCodeStep(), "CASVP: recovery code (forgot password)",
                "Mails a one-time code to the verified recovery address, or takes a helpdesk code;"
                        + " the same page whether or not the account exists.", RecoveryCodeConfig.SETTINGS);
    }

    @Override
    public String getReferenceCategory() {
        return REFERENCE_CATEGORY;
    }
}
