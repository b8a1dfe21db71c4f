package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.network.NetworkPrefix;
import org.keycloak.device.DeviceRepresentationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.account.DeviceRepresentation;

/**
 * What the agent is told about a device: browser family and major version, OS family
 * (from Keycloak's user-agent parsing) and network prefix. The strings come from the
 * User-Agent header, so they are bounded and stripped of control characters here, and
 * escaped again by the templates that show them.
 */
public record DeviceDescription(String browser, String os, String networkPrefix) {

    static final int MAX_LENGTH = 100;
    public static final String UNKNOWN = "?";

    public static DeviceDescription of(KeycloakSession session, String remoteAddress) {
        DeviceRepresentationProvider provider = session.getProvider(DeviceRepresentationProvider.class);
        DeviceRepresentation device = provider == null ? null : provider.deviceRepresentation();
        String browser = device == null ? null : device.getBrowser();
        String os = device == null ? null : device.getOs();
        return new DeviceDescription(clean(browser == null ? null : browser.replace('/', ' ')), clean(os),
                NetworkPrefix.of(remoteAddress).orElse(null));
    }

    /** Printable, single-line, at most {@value #MAX_LENGTH} characters; "?" when nothing is left. */
    static String clean(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .limit(MAX_LENGTH)
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() || DeviceRepresentation.UNKNOWN.equalsIgnoreCase(cleaned) ? UNKNOWN : cleaned;
    }
}
