package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.network.NetworkPrefix;
import fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/** Decides, without changing anything, whether this browser and network are new for the user. */
final class DeviceAssessment {

    static final String NOTE = "casvp.device.verdict";

    private DeviceAssessment() {
    }

    static DeviceVerdict assess(KeycloakSession session, AuthenticationSessionModel authSession, RealmModel realm,
                                UserModel user, DeviceRecognitionConfig config, String remoteAddress) {
        Optional<DeviceVerdict> cached = DeviceVerdict.fromNote(authSession.getAuthNote(NOTE), user.getId());
        if (cached.isPresent()) {
            return cached.get();
        }
        KnownDevices store = new KnownDevices(session);
        boolean known = KnownDevices.ofThisBrowser(session, realm.getId(), user.getId()).isPresent();
        boolean firstDevice = !known && !store.hasAny(realm.getId(), user.getId());
        boolean unusual = false;
        Optional<String> prefix = NetworkPrefix.of(remoteAddress);
        if (!firstDevice && prefix.isPresent() && !RealmTrustedNetworks.of(session, realm).contains(remoteAddress)) {
            long since = Time.currentTimeMillis() - config.recentNetworks().toMillis();
            unusual = !store.recentNetworks(realm.getId(), user.getId(), since).contains(prefix.get());
        }
        DeviceVerdict verdict = new DeviceVerdict(user.getId(), known, firstDevice, unusual);
        authSession.setAuthNote(NOTE, verdict.toNote());
        return verdict;
    }
}
