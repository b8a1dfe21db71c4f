package fr.paris.casvp.keycloak.authenticators.settings;

import org.jboss.logging.Logger;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One admin-console setting, declared once: its key, label, help, type and default, and how
 * its saved text is read. The same declaration gives the admin console its field
 * ({@link Settings#properties()}) and the step its typed value ({@link Settings.Values#get}),
 * so the two cannot drift apart.
 *
 * <p>A saved value that cannot be read (a word where a number is expected, a zero where a
 * positive number is) gives the default and is logged: Keycloak 26.7 does not validate a
 * step's settings when they are saved, and a typo must never turn into a sign-in error.
 *
 * @param <T> the type the step reads
 */
public final class Setting<T> {

    private static final Logger LOG = Logger.getLogger(Setting.class);
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    private final String key;
    private final String type;
    private final String defaultText;
    private final T fallback;
    private final Function<String, Optional<T>> reader;
    private final String label;
    private final String help;

    private Setting(String key, String type, String defaultText, T fallback, Function<String, Optional<T>> reader,
                    String label, String help) {
        this.key = key;
        this.type = type;
        this.defaultText = defaultText;
        this.fallback = fallback;
        this.reader = reader;
        this.label = label;
        this.help = help;
    }

    /** A whole number greater than zero (a count of tries, digits, codes...). */
    public static Setting<Integer> count(String key, int fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.INTEGER_TYPE, Integer.toString(fallback), fallback,
                text -> wholeNumber(text).filter(n -> n > 0), label, help);
    }

    /** A whole number, zero included ("0: never"). */
    public static Setting<Integer> countOrZero(String key, int fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.INTEGER_TYPE, Integer.toString(fallback), fallback,
                text -> wholeNumber(text).filter(n -> n >= 0), label, help);
    }

    /** A positive number of days, minutes or seconds; the label says which. */
    public static Setting<Duration> duration(String key, ChronoUnit unit, int fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.INTEGER_TYPE, Integer.toString(fallback),
                Duration.of(fallback, unit), text -> wholeNumber(text).filter(n -> n > 0).map(n -> Duration.of(n, unit)),
                label, help);
    }

    /** An on/off switch. */
    public static Setting<Boolean> flag(String key, boolean fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.BOOLEAN_TYPE, Boolean.toString(fallback), fallback,
                Setting::trueOrFalse, label, help);
    }

    /** A name that must not be empty (a user attribute, a role): empty gives the default. */
    public static Setting<String> name(String key, String fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.STRING_TYPE, fallback, fallback, Optional::of, label, help);
    }

    /** A realm role, or {@code client.role}, picked in the admin console; empty when the admin set none. */
    public static Setting<String> role(String key, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.ROLE_TYPE, null, "", Optional::of, label, help);
    }

    /** The name of a user attribute: letters, digits, '.', '_' and '-', as Keycloak's user profile allows. */
    public static Setting<String> attribute(String key, String fallback, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.STRING_TYPE, fallback, fallback,
                text -> Optional.of(text).filter(name -> ATTRIBUTE_NAME.matcher(name).matches()), label, help);
    }

    /** Free text that must pass a check (a mail address, …) when given; empty when the admin set none. */
    public static Setting<String> checked(String key, Predicate<String> valid, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.STRING_TYPE, null, "", text -> Optional.of(text).filter(valid),
                label, help);
    }

    /** Free text, trimmed; empty when the admin set none. */
    public static Setting<String> text(String key, String label, String help) {
        return new Setting<>(key, ProviderConfigProperty.STRING_TYPE, null, "", Optional::of, label, help);
    }

    /**
     * Text read by a parser of its own (a list, an expression), which is given the default
     * text when the admin set none; the parser skips and logs what it cannot read.
     */
    public static <T> Setting<T> parsed(String key, String defaultText, Function<String, T> parser, String label,
                                        String help) {
        return new Setting<>(key, ProviderConfigProperty.STRING_TYPE, defaultText, parser.apply(defaultText),
                text -> Optional.of(parser.apply(text)), label, help);
    }

    /** The same setting as a multi-line text area in the admin console. */
    public Setting<T> multiline() {
        return new Setting<>(key, ProviderConfigProperty.TEXT_TYPE, defaultText, fallback, reader, label, help);
    }

    /** The key under which the admin console saves the value. */
    public String key() {
        return key;
    }

    /** The value among saved settings; the default when it is missing, empty or unreadable. */
    T from(Map<String, String> saved, String owner) {
        String raw = saved.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        Optional<T> value = reader.apply(raw.trim());
        if (value.isEmpty()) {
            LOG.warnf("%s: setting %s cannot be read, %s used", owner, key, defaultText);
        }
        return value.orElse(fallback);
    }

    /** Whether a saved text can be read, for a save-time check. */
    boolean accepts(String raw) {
        return raw == null || raw.isBlank() || reader.apply(raw.trim()).isPresent();
    }

    String type() {
        return type;
    }

    String defaultText() {
        return defaultText;
    }

    /** What the admin console calls it. */
    public String label() {
        return label;
    }

    String help() {
        return help;
    }

    private static Optional<Integer> wholeNumber(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> trueOrFalse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }
}
