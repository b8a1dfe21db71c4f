package fr.paris.casvp.keycloak.authenticators.lockout;

/**
 * Which counter a try uses: the one of a browser the agent has signed in from (its device id),
 * or the one all the agent's other browsers share. Stored as {@code device:<id>} or
 * {@code unknown} in {@code CASVP_LOCKOUT_COUNTER.SCOPE}.
 *
 * @param deviceId the known browser's device id, or null for every unknown browser
 */
public record LockoutScope(String deviceId) {

    public static final LockoutScope UNKNOWN_BROWSERS = new LockoutScope(null);
    private static final String UNKNOWN = "unknown";
    private static final String DEVICE = "device:";

    public static LockoutScope knownBrowser(String deviceId) {
        return new LockoutScope(deviceId);
    }

    /** The scope of a stored counter. */
    public static LockoutScope parse(String stored) {
        return stored != null && stored.startsWith(DEVICE) ? knownBrowser(stored.substring(DEVICE.length()))
                : UNKNOWN_BROWSERS;
    }

    public boolean isKnownBrowser() {
        return deviceId != null;
    }

    /** The column's value. */
    String stored() {
        return isKnownBrowser() ? DEVICE + deviceId : UNKNOWN;
    }
}
