package fr.paris.casvp.keycloak.authenticators.action;

import fr.paris.casvp.keycloak.authenticators.privileged.SecondFactorEvidence;
import fr.paris.casvp.keycloak.authenticators.provider.NegatableCondition;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.Constants;

/**
 * True when an application asked for one of the sensitive actions ({@code kc_action}: the
 * recovery address, a second factor to add or remove) and no second factor the agent holds
 * was used yet in this sign-in; with "negate", the opposite.
 */
final class SensitiveActionCondition extends NegatableCondition {

    static final Setting<SensitiveActions> ACTIONS = Setting.parsed("actions", SensitiveActions.DEFAULT,
            SensitiveActions::of, "Sensitive actions", "Ids of the required actions that, started by an application "
                    + "(kc_action), need the agent's own second factor, separated by commas (default: "
                    + SensitiveActions.DEFAULT + ").");

    SensitiveActionCondition() {
        super(SensitiveActionConditionFactory.ID, "Match every other sign-in instead.", ACTIONS);
    }

    @Override
    protected boolean matches(AuthenticationFlowContext context, Settings.Values saved) {
        String requested = context.getAuthenticationSession().getClientNote(Constants.KC_ACTION);
        return saved.get(ACTIONS).contains(requested)
                && !SecondFactorEvidence.inAuthentication(context.getRealm(), context.getAuthenticationSession());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
