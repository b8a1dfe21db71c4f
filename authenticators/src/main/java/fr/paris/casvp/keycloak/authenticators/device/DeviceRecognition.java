package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Optional;

/**
 * Placed at the end of the sign-in forms, once the password (and a second factor when
 * one was due) have been checked: remembers the browser and network, renews the
 * browser's device cookie, and queues an alert mail for a new device or an unusual
 * network. A browser is remembered only by a sign-in that fully succeeded.
 */
final class DeviceRecognition implements SimpleStep {

    static final String DEVICE_EVENT_DETAIL = "casvp_device";
    static final String NETWORK_EVENT_DETAIL = "casvp_network";
    static final String ALERT_EVENT_DETAIL = "casvp_alert";
    static final String CASVP_EVENT_DETAIL = EventDetails.CASVP_EVENT;
    /**
     * The user-session note naming the device row the session was opened from, so that
     * forgetting a device can end its sessions (and no other).
     */
    static final String DEVICE_SESSION_NOTE = "casvp.device";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        DeviceRecognitionConfig config = DeviceRecognitionConfig.of(context.getAuthenticatorConfig());
        String remoteAddress = context.getConnection().getRemoteAddr();

        DeviceVerdict verdict = DeviceAssessment.assess(session, context.getAuthenticationSession(), realm, user, config,
                remoteAddress);
        DeviceDescription device = DeviceDescription.of(session, remoteAddress);
        long now = Time.currentTimeMillis();
        KnownDevices store = new KnownDevices(session);

        // A fresh id at every sign-in: a copied cookie stops matching once its owner signs in again.
        // Every user's row of this browser follows it (a shared computer stays known to each).
        String newId = DeviceCookie.newId();
        String newHash = DeviceCookie.hash(newId);
        List<KnownDeviceEntity> rows = KnownDevices.rowsOfThisBrowser(session, realm.getId());
        rows.forEach(known -> known.setDeviceHash(newHash));
        Optional<KnownDeviceEntity> row = rows.stream().filter(known -> known.getUserId().equals(user.getId()))
                .findFirst();
        KnownDeviceEntity signingIn;
        if (row.isPresent()) {
            signingIn = row.get();
            KnownDeviceEntity known = signingIn;
            KnownDevices.networkLeft(known, device.networkPrefix())
                    .ifPresent(left -> store.keepNetwork(realm.getId(), user.getId(), left, known.getLastSeen()));
            store.seen(known, device, now);
        } else {
            signingIn = store.remember(realm.getId(), user.getId(), newHash, device, now);
        }
        context.getAuthenticationSession().setUserSessionNote(DEVICE_SESSION_NOTE, signingIn.getId());
        DeviceCookie.write(session, realm, newId);

        context.getEvent()
                .detail(DEVICE_EVENT_DETAIL, verdict.firstDevice() ? "first" : verdict.knownDevice() ? "known" : "new")
                .detail(NETWORK_EVENT_DETAIL, verdict.unusualNetwork() ? "unusual" : "usual");
        boolean alert = verdict.deservesAlert(config.alertOnNewDevice(), config.alertOnUnusualNetwork());
        context.getEvent().detail(ALERT_EVENT_DETAIL, alert ? "queued" : "none");
        CasvpMetrics.signIn(realm, CasvpMetrics.Verdict.of(verdict.firstDevice(), verdict.knownDevice(),
                verdict.unusualNetwork()));
        if (alert) {
            NewDeviceAlert.queue(session, realm, user, context.getAuthenticationSession(), config, verdict, device, now);
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // no form
    }
}
