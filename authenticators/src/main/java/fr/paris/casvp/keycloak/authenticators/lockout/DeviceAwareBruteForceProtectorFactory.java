package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.BruteForceProtectorFactory;

/**
 * {@code casvp-device-aware-lockout}: Keycloak's brute-force protector SPI, answered by the
 * bundle's device-aware counters in realms that use them and by Keycloak's own protector
 * everywhere else. Its order makes it the server's protector as soon as the JAR is in
 * {@code providers/}; {@code --spi-brute-force-protector--provider=default-brute-force-detector}
 * would bring Keycloak's per-user lock back, and with it the lockout of agents by strangers.
 */
public final class DeviceAwareBruteForceProtectorFactory implements BruteForceProtectorFactory, SimpleFactory<BruteForceProtector> {

    public static final String ID = "casvp-device-aware-lockout";
    /** Keycloak's own protector, used for realms without the bundle's password step. */
    static final String KEYCLOAK_DEFAULT = "default-brute-force-detector";

    private KeycloakSessionFactory sessionFactory;

    @Override
    public BruteForceProtector create(KeycloakSession session) {
        return new DeviceAwareBruteForceProtector(session, () -> {
            BruteForceProtectorFactory keycloaks = (BruteForceProtectorFactory) sessionFactory
                    .getProviderFactory(BruteForceProtector.class, KEYCLOAK_DEFAULT);
            if (keycloaks == null) {
                throw new IllegalStateException("Keycloak's " + KEYCLOAK_DEFAULT + " is not available");
            }
            return keycloaks.create(session);
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Above Keycloak's protector (order 0): this one is the default when several exist. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
    }
}
