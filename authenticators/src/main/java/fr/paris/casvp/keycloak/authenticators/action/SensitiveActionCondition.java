package fr.paris.casvp.keycloak.authenticators.action;

import fr.paris.casvp.keycloak.authenticators.privileged.SecondFactorEvidence;
import fr.paris.casvp.keycloak.authenticators.support.FormlessCondition;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;

import java.util.Map;

/**
 * True when an application asked for one of the sensitive actions ({@code kc_action}: the
 * recovery address, a second factor to add or remove) and no second factor the agent holds
 * was used yet in this sign-in; with "negate", the opposite.
 */
final class SensitiveActionCondition implements FormlessCondition {

    static final SensitiveActionCondition SINGLETON = new SensitiveActionCondition();
    static final String ACTIONS = "actions";
    static final String NEGATE = "negate";

    private SensitiveActionCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        AuthenticatorConfigModel model = context.getAuthenticatorConfig();
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String requested = context.getAuthenticationSession().getClientNote(Constants.KC_ACTION);
        boolean sensitive = SensitiveActions.of(config.get(ACTIONS)).contains(requested)
                && !SecondFactorEvidence.inAuthentication(context.getRealm(), context.getAuthenticationSession());
        return sensitive != Boolean.parseBoolean(config.getOrDefault(NEGATE, "false"));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
