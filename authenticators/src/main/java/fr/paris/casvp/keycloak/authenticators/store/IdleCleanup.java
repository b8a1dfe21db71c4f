package fr.paris.casvp.keycloak.authenticators.store;

import fr.paris.casvp.keycloak.authenticators.device.DeviceRecognitionConfig;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutStore;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Forgets devices and networks not seen for the realm's "forget idle devices after"
 * setting (180 days by default). Idempotent, so every cluster node may run it.
 */
public final class IdleCleanup implements ScheduledTask {

    static final String NAME = "casvp-idle-device-cleanup";
    private static final Logger LOG = Logger.getLogger(IdleCleanup.class);

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> forgetIdle(session, realm));
    }

    /** Forgets the realm's idle devices now; returns how many went. */
    public static int forgetIdle(KeycloakSession session, RealmModel realm) {
        DeviceRecognitionConfig config = DeviceRecognitionConfig.inFlow(realm, realm.getBrowserFlow());
        long cutoff = Time.currentTimeMillis() - config.forgetAfter().toMillis();
        int forgotten = new KnownDevices(session).forgetIdle(realm.getId(), cutoff);
        // counters idle for a day or more hold nothing any policy still needs
        new LockoutStore(session)
                .forgetIdle(realm.getId(), Time.currentTimeMillis() - java.time.Duration.ofDays(2).toMillis());
        if (forgotten > 0) {
            LOG.infof("casvp: %d idle devices forgotten in realm %s", forgotten, realm.getName());
        }
        return forgotten;
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
