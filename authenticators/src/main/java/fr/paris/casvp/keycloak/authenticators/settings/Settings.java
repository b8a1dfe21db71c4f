package fr.paris.casvp.keycloak.authenticators.settings;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one provider, in the order the admin console shows them: the factory
 * returns {@link #properties()}, the step's typed config reads {@link #read} — one list for both.
 */
public final class Settings {

    private final String owner;
    private final List<Setting<?>> all;
    private final List<ProviderConfigProperty> properties;

    private Settings(String owner, List<Setting<?>> all) {
        this.owner = owner;
        this.all = all;
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        all.forEach(setting -> builder.property().name(setting.key()).label(setting.label()).helpText(setting.help())
                .type(setting.type()).defaultValue(setting.defaultText()).add());
        this.properties = List.copyOf(builder.build());
    }

    /** @param owner the provider id, named in the log when a saved value cannot be read */
    public static Settings of(String owner, Setting<?>... settings) {
        return new Settings(owner, List.of(settings));
    }

    /** These settings followed by another provider's part of them, under this owner. */
    public Settings and(Settings more) {
        return new Settings(owner, java.util.stream.Stream.concat(all.stream(), more.all.stream()).toList());
    }

    /** What the admin console shows. */
    public List<ProviderConfigProperty> properties() {
        return properties;
    }

    public Values read(Map<String, String> saved) {
        return new Values(saved == null ? Map.of() : saved);
    }

    /** A step's saved settings; null (the admin never saved any) gives every default. */
    public Values read(AuthenticatorConfigModel model) {
        return read(model == null ? null : model.getConfig());
    }

    public Values read(RequiredActionConfigModel model) {
        return read(model == null ? null : model.getConfig());
    }

    /** The first of these settings that a saved text cannot be read as, for a save-time refusal. */
    public Optional<Setting<?>> firstUnreadable(Map<String, String> saved) {
        return all.stream().filter(setting -> !setting.accepts(saved.get(setting.key()))).findFirst();
    }

    /** Saved settings, read through their declarations. */
    public final class Values {

        private final Map<String, String> saved;

        private Values(Map<String, String> saved) {
            this.saved = saved;
        }

        public <T> T get(Setting<T> setting) {
            if (!all.contains(setting)) {
                throw new IllegalArgumentException(setting.key() + " is not a setting of " + owner);
            }
            return setting.from(saved, owner);
        }
    }
}
