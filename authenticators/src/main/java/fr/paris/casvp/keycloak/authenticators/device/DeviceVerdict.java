package fr.paris.casvp.keycloak.authenticators.device;

import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The verdict as the authentication session keeps it (a note is text): its JSON. */
    String toNote() {
        try {
            return JsonSerialization.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict kept for this user, if any (a note about another user, or unreadable, is none). */
    static Optional<DeviceVerdict> fromNote(String note, String userId) {
        if (note == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonSerialization.readValue(note, DeviceVerdict.class))
                    .filter(verdict -> userId.equals(verdict.userId()));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
