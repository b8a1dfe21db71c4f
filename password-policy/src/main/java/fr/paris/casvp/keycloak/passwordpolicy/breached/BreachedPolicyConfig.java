package fr.paris.casvp.keycloak.passwordpolicy.breached;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;
import org.keycloak.policy.PasswordPolicyConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the admin typed for {@code casvp-breached(...)}, checked when the policy is saved:
 * {@code url=https://api.pwnedpasswords.com/range/,timeout=2000,onError=accept}, optionally
 * {@code file=/opt/keycloak/data/breached.bin} (offline mode: no HTTP at all) and
 * {@code cacheSize=256}. A bare value is the URL.
 *
 * @param url           base URL of a "range" API (Have I Been Pwned or an organisation's mirror);
 *                      the 5-character hash prefix is appended to it
 * @param timeoutMillis longest time a password change waits for the range API
 * @param onError       what happens to the password when the check cannot be done
 * @param file          offline hash file built by {@link BreachedHashFileBuilder}, or null
 * @param cacheSize     recent range answers kept in memory, 0 for none
 */
record BreachedPolicyConfig(URI url, int timeoutMillis, OnError onError, Path file, int cacheSize) {

    static final String URL = "url";
    static final String TIMEOUT = "timeout";
    static final String ON_ERROR = "onError";
    static final String FILE = "file";
    static final String CACHE_SIZE = "cacheSize";

    static final URI DEFAULT_URL = URI.create("https://api.pwnedpasswords.com/range/");
    static final int DEFAULT_TIMEOUT_MILLIS = 2000;
    static final int MIN_TIMEOUT_MILLIS = 100;
    static final int MAX_TIMEOUT_MILLIS = 10_000;
    static final int DEFAULT_CACHE_SIZE = 256;
    static final int MAX_CACHE_SIZE = 1000;
    static final OnError DEFAULT_ON_ERROR = OnError.ACCEPT;

    /** The value the admin console proposes when the policy is added. */
    static final String DEFAULT_VALUE = URL + "=" + DEFAULT_URL + "," + TIMEOUT + "=" + DEFAULT_TIMEOUT_MILLIS + ","
            + ON_ERROR + "=" + DEFAULT_ON_ERROR;

    /** The password's fate when the range API or the offline file cannot answer. */
    enum OnError {
        /** Fail open: the password is accepted unchecked (the default). */
        ACCEPT,
        /** Fail closed: the password is refused and the agent is asked to try again later. */
        REJECT;

        /** How the admin writes them, in this order. */
        static final Set<String> CHOICES = Arrays.stream(values()).map(OnError::toString)
                .collect(Collectors.toCollection(LinkedHashSet::new));

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses the policy value; every mistake is a {@link PasswordPolicyConfigException} naming the setting. */
    static BreachedPolicyConfig parse(String value) {
        String id = BreachedPasswordPolicyProviderFactory.ID;
        PolicySettings settings = PolicySettings.parse(id, value, URL,
                Set.of(URL, TIMEOUT, ON_ERROR, FILE, CACHE_SIZE));
        URI url = rangeUrl(id, settings.string(URL, DEFAULT_URL.toString()));
        int timeout = settings.integer(TIMEOUT, DEFAULT_TIMEOUT_MILLIS, MIN_TIMEOUT_MILLIS, MAX_TIMEOUT_MILLIS);
        OnError onError = OnError.valueOf(settings.choice(ON_ERROR, DEFAULT_ON_ERROR.toString(), OnError.CHOICES)
                .toUpperCase(Locale.ROOT));
        String fileValue = settings.string(FILE, "");
        Path file = fileValue.isEmpty() ? null : offlineFile(id, fileValue);
        int cacheSize = settings.integer(CACHE_SIZE, DEFAULT_CACHE_SIZE, 0, MAX_CACHE_SIZE);
        return new BreachedPolicyConfig(url, timeout, onError, file, cacheSize);
    }

    /** Offline mode: the file answers and no HTTP request is ever made. */
    boolean offline() {
        return file != null;
    }

    /** The address asked for one prefix: the base URL followed by the 5 hexadecimal characters. */
    URI rangeUri(String prefix) {
        return URI.create(url + prefix);
    }

    private static URI rangeUrl(String id, String value) {
        String example = " (for example " + DEFAULT_URL + ")";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new PasswordPolicyConfigException(id + ": url is not a valid address: '" + value + "'" + example);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                || uri.getHost() == null) {
            throw new PasswordPolicyConfigException(id + ": url must be a full http:// or https:// address, not '"
                    + value + "'" + example);
        }
        if (uri.getRawUserInfo() != null) {
            throw new PasswordPolicyConfigException(id + ": url must not contain a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new PasswordPolicyConfigException(id + ": url must not contain '?' or '#': the 5-character hash "
                    + "prefix is added at its end" + example);
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static Path offlineFile(String id, String value) {
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                throw new PasswordPolicyConfigException(id + ": file must be an absolute path (for example "
                        + "/opt/keycloak/data/breached-passwords.bin), not '" + value + "'");
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw new PasswordPolicyConfigException(id + ": file is not a valid path: '" + value + "'");
        }
    }
}
