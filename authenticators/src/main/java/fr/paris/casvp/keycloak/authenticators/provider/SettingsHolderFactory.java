package fr.paris.casvp.keycloak.authenticators.provider;

import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

import java.util.List;
import java.util.Map;

/**
 * Realm-wide settings held once, in a required action's settings (Authentication → Required
 * actions → gear). It is a required action only because Keycloak 26.7 validates a required
 * action's settings when an admin saves them and has no such hook for a step's settings: a
 * value that cannot be read is refused there, with the setting named, and never reaches a
 * sign-in. Kept disabled in the realm, it is never asked of anybody; were it enabled and given
 * to a user, it would just let them through.
 */
public abstract class SettingsHolderFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    private final String id;
    private final String displayText;
    private final Settings settings;

    protected SettingsHolderFactory(String id, String displayText, Settings settings) {
        this.id = id;
        this.displayText = displayText;
        this.settings = settings;
    }

    @Override
    public final RequiredActionProvider create(KeycloakSession session) {
        return SettingsHolder.INSTANCE;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayText() {
        return displayText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return settings.properties();
    }

    /** Refuses the save when a value cannot be read, naming the setting. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        Map<String, String> saved = model.getConfig() == null ? Map.of() : model.getConfig();
        settings.firstUnreadable(saved).ifPresent(setting -> {
            throw new ValidationException(new ValidationError(id, setting.key(),
                    setting.label() + ": \"" + saved.get(setting.key()).trim() + "\" cannot be used here"));
        });
    }
}
