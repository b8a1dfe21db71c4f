package fr.paris.casvp.keycloak.authenticators.device;

import java.util.Optional;

/**
 * What the device step found about this sign-in, kept in the authentication session so
 * that the condition (before the second factor) and the step (after it) agree.
 *
 * @param knownDevice    the browser's cookie matches one of the user's devices
 * @param firstDevice    the user had no known device at all
 * @param unusualNetwork the network is neither among the user's recent ones nor trusted
 */
record DeviceVerdict(String userId, boolean knownDevice, boolean firstDevice, boolean unusualNetwork) {

    boolean newDevice() {
        return !knownDevice;
    }

    /** Whether this sign-in deserves an alert mail under these settings. */
    boolean deservesAlert(boolean alertOnNewDevice, boolean alertOnUnusualNetwork) {
        return !firstDevice && ((newDevice() && alertOnNewDevice) || (unusualNetwork && alertOnUnusualNetwork));
    }

    /** Key of the reason told in the alert: newDevice, unusualNetwork or both. */
    String reason() {
        if (newDevice() && unusualNetwork) {
            return "newDeviceAndNetwork";
        }
        return newDevice() ? "newDevice" : "unusualNetwork";
    }

    String toNote() {
        return userId + "|" + knownDevice + "|" + firstDevice + "|" + unusualNetwork;
    }

    static Optional<DeviceVerdict> fromNote(String note, String userId) {
        if (note == null) {
            return Optional.empty();
        }
        String[] parts = note.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(userId)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceVerdict(parts[0], Boolean.parseBoolean(parts[1]), Boolean.parseBoolean(parts[2]),
                Boolean.parseBoolean(parts[3])));
    }
}
