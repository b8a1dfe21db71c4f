package fr.paris.casvp.keycloak.authenticators.provider;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.stream.Stream;

/**
 * A condition of the bundle, after Keycloak's {@code ConditionalUserAttributeValue}: a
 * stateless singleton with no form, its own settings plus a "negate" switch that turns its
 * answer round, read the same way by every condition.
 */
public abstract class NegatableCondition implements ConditionalAuthenticator {

    private final Setting<Boolean> negate;
    private final Settings settings;

    /**
     * @param id         the provider id, named in the log when a saved value cannot be read
     * @param negateHelp what "negate" matches instead, for the admin console
     * @param own        the condition's other settings, in the order the admin console shows them
     */
    protected NegatableCondition(String id, String negateHelp, Setting<?>... own) {
        this.negate = Setting.flag("negate", false, "Negate output", negateHelp);
        this.settings = Settings.of(id, Stream.concat(Stream.of(own), Stream.of(negate)).toArray(Setting<?>[]::new));
    }

    /** What the admin console shows, "negate" last. */
    public final Settings settings() {
        return settings;
    }

    @Override
    public final boolean matchCondition(AuthenticationFlowContext context) {
        Settings.Values saved = settings.read(context.getAuthenticatorConfig());
        return matches(context, saved) != saved.get(negate);
    }

    /** The answer before "negate". */
    protected abstract boolean matches(AuthenticationFlowContext context, Settings.Values saved);

    @Override
    public final void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public final void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public final void close() {
        // stateless singleton
    }
}
