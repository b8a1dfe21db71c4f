package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.CommonClientSessionModel;

/**
 * After the second factor: when the agent got in with one of their recovery codes, their
 * authenticator app is taken as lost — it is removed, and a new one must be set up before
 * they get in. Security keys are kept. Anyone else goes straight on.
 */
final class LostSecondFactorStep implements SimpleStep {

    static final String RECOVERY_CODE_FORM = "auth-recovery-authn-code-form";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (usedARecoveryCode(context)) {
            UserModel user = context.getUser();
            int apps = SecondFactors.remove(user, SecondFactors.APP);
            user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
            context.getEvent().detail(RecoveryCodeStep.CASVP_EVENT, "lost_second_factor")
                    .detail("casvp_apps_removed", Integer.toString(apps));
        }
        context.success();
    }

    /** True when a recovery-code step of this sign-in succeeded. */
    private static boolean usedARecoveryCode(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        return context.getAuthenticationSession().getExecutionStatus().entrySet().stream()
                .filter(entry -> entry.getValue() == CommonClientSessionModel.ExecutionStatus.SUCCESS)
                .map(entry -> realm.getAuthenticationExecutionById(entry.getKey()))
                .map(execution -> execution == null ? null : execution.getAuthenticator())
                .anyMatch(RECOVERY_CODE_FORM::equals);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }
}
