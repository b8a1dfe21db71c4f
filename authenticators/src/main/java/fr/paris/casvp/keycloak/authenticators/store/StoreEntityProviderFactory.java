package fr.paris.casvp.keycloak.authenticators.store;

import fr.paris.casvp.keycloak.authenticators.device.KnownDeviceEntity;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.device.KnownNetworkEntity;
import fr.paris.casvp.keycloak.authenticators.device.SeenRow;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutCounterEntity;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutStore;
import fr.paris.casvp.keycloak.authenticators.lockout.SourceFailuresEntity;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import fr.paris.casvp.keycloak.authenticators.setup.UnsetPlaceholderCheck;
import fr.paris.casvp.keycloak.authenticators.support.RealmRow;
import fr.paris.casvp.keycloak.authenticators.support.UserRow;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

import java.time.Duration;
import java.util.List;

/**
 * {@code casvp-device-store} (the id kept from when it held devices only): adds the bundle's
 * tables — devices, networks, lockout counters — to Keycloak's database (Liquibase changelog
 * {@value #CHANGELOG}), removes a user's rows with the user and a realm's with the realm, and
 * schedules the cleanup of idle rows (every
 * {@code cleanup-interval-minutes}, default one day). It also registers the check that
 * refuses a realm import with an unset environment placeholder ({@link UnsetPlaceholderCheck}).
 */
public final class StoreEntityProviderFactory implements JpaEntityProviderFactory, SimpleFactory<JpaEntityProvider> {

    public static final String ID = "casvp-device-store";
    static final String CHANGELOG = "META-INF/casvp-device-store-changelog.xml";

    private static final Logger LOG = Logger.getLogger(StoreEntityProviderFactory.class);
    /** The entities, and the mapped superclasses whose columns they share (managed classes too). */
    private static final List<Class<?>> ENTITIES = List.of(RealmRow.class, UserRow.class, SeenRow.class,
            KnownDeviceEntity.class, KnownNetworkEntity.class, LockoutCounterEntity.class, SourceFailuresEntity.class);
    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return ENTITIES;
        }

        @Override
        public String getChangelogLocation() {
            return CHANGELOG;
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private Duration cleanupInterval = Duration.ofDays(1);

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        long minutes = config.getLong("cleanupIntervalMinutes", Duration.ofDays(1).toMinutes());
        cleanupInterval = Duration.ofMinutes(Math.max(1, minutes));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                new KnownDevices(removed.getKeycloakSession())
                        .forgetUser(removed.getRealm().getId(), removed.getUser().getId());
                new LockoutStore(removed.getKeycloakSession())
                        .forgetUser(removed.getRealm().getId(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new KnownDevices(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
                new LockoutStore(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
            }
        });
        // the bundle's one hook on realm imports, wherever the bundle is installed
        factory.register(new UnsetPlaceholderCheck());
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new IdleCleanup(), cleanupInterval.toMillis(), IdleCleanup.NAME));
        LOG.debugf("casvp-device-store: idle devices cleaned up every %s", cleanupInterval);
    }
}
