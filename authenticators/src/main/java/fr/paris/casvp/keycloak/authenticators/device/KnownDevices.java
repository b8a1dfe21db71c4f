package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import fr.paris.casvp.keycloak.authenticators.support.RowOnce;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The device store: known browsers and networks of each user, in Keycloak's database. */
public final class KnownDevices {


    private final KeycloakSession session;
    private final EntityManager em;

    public KnownDevices(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Whether this request carries a well-formed device cookie at all (no database lookup). */
    public static boolean requestHasDeviceCookie(KeycloakSession session) {
        return DeviceCookie.read(session).isPresent();
    }

    /** The id of the user's known device this request comes from (by its cookie), if any. */
    public static Optional<String> recognisedDeviceId(KeycloakSession session, String realmId, String userId) {
        return ofThisBrowser(session, realmId, userId).map(KnownDeviceEntity::getId);
    }

    /**
     * When the browser this request comes from became one of the user's known devices (epoch
     * milliseconds), or empty when it is not one of them.
     */
    public static Optional<Long> firstSeenOfThisBrowser(KeycloakSession session, String realmId, String userId) {
        return ofThisBrowser(session, realmId, userId).map(KnownDeviceEntity::getFirstSeen);
    }

    /** The user's row for the browser this request comes from (by its cookie), if any. */
    static Optional<KnownDeviceEntity> ofThisBrowser(KeycloakSession session, String realmId, String userId) {
        return rowsOfThisBrowser(session, realmId).stream().filter(row -> row.getUserId().equals(userId)).findFirst();
    }

    /**
     * Every user's row for the browser this request comes from (one on a personal computer,
     * several on a shared one), looked up once per request: the lockout (before the password)
     * and the device step (after it) share it.
     */
    static List<KnownDeviceEntity> rowsOfThisBrowser(KeycloakSession session, String realmId) {
        KnownDevices store = new KnownDevices(session);
        BrowserRows kept = OncePerRequest.get(session, realmId, "browserRows", BrowserRows.class,
                () -> new BrowserRows(DeviceCookie.read(session).map(DeviceCookie::hash)
                        .map(hash -> store.em.createNamedQuery("casvpDevicesOfBrowser", KnownDeviceEntity.class)
                                .setParameter("realmId", realmId).setParameter("hash", hash)
                                .getResultList())
                        .map(List::copyOf).orElse(List.of())));
        // still the request's own instances, unless the persistence context was cleared since
        return kept.rows().stream().map(row -> store.em.contains(row) ? row
                : store.em.find(KnownDeviceEntity.class, row.getId())).filter(Objects::nonNull).toList();
    }

    /** What {@link #rowsOfThisBrowser} keeps on the request's session. */
    private record BrowserRows(List<KnownDeviceEntity> rows) {
    }

    /** One device of the user, by its id (for describing it in a mail or to an admin). */
    public Optional<KnownDeviceEntity> byId(String realmId, String userId, String deviceId) {
        return Optional.ofNullable(em.find(KnownDeviceEntity.class, deviceId))
                .filter(device -> device.getRealmId().equals(realmId) && device.getUserId().equals(userId));
    }

    /** How one device of the user is described in a mail: browser, system, network (unknown parts "?"). */
    public Optional<DeviceDescription> description(String realmId, String userId, String deviceId) {
        return byId(realmId, userId, deviceId).map(row -> new DeviceDescription(orUnknown(row.getBrowser()),
                orUnknown(row.getOs()), orUnknown(row.getNetworkPrefix())));
    }

    /** When the user's very first known device was first seen (ms), if they have any. */
    public OptionalLong firstDeviceSeen(String realmId, String userId) {
        return list(realmId, userId).stream().mapToLong(KnownDeviceEntity::getFirstSeen).min();
    }

    private static String orUnknown(String part) {
        return part == null ? DeviceDescription.UNKNOWN : part;
    }

    boolean hasAny(String realmId, String userId) {
        return em.createNamedQuery("casvpCountDevicesOfUser", Long.class)
                .setParameter("realmId", realmId).setParameter("userId", userId)
                .getSingleResult() > 0;
    }

    public List<KnownDeviceEntity> list(String realmId, String userId) {
        return em.createNamedQuery("casvpDevicesOfUser", KnownDeviceEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId)
                .getResultList();
    }

    /**
     * The networks the user signed in from since the given time: the network each of the
     * user's browsers was last used from, and those kept in the network table (networks a
     * browser has since moved away from).
     */
    Set<String> recentNetworks(String realmId, String userId, long sinceMillis) {
        return new HashSet<>(em.createNamedQuery("casvpRecentNetworksOfUser", String.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("since", sinceMillis)
                .getResultList());
    }

    KnownDeviceEntity remember(String realmId, String userId, String deviceHash, DeviceDescription device, long now) {
        KnownDeviceEntity entity = new KnownDeviceEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realmId);
        entity.setUserId(userId);
        entity.setDeviceHash(deviceHash);
        entity.setFirstSeen(now);
        seen(entity, device, now);
        em.persist(entity);
        return entity;
    }

    void seen(KnownDeviceEntity entity, DeviceDescription device, long now) {
        entity.setBrowser(device.browser());
        entity.setOs(device.os());
        entity.setNetworkPrefix(device.networkPrefix());
        entity.setLastSeen(now);
    }

    /**
     * The network this browser's row of the user leaves with this sign-in ({@code prefix}),
     * if it leaves one: read before the row is renewed. The row says where and when the agent
     * last signed in on this browser, which is all the recent-network check needs while the
     * browser stays on one network; only the network it leaves must be kept apart.
     */
    static Optional<String> networkLeft(KnownDeviceEntity row, String prefix) {
        return Optional.ofNullable(row.getNetworkPrefix()).filter(left -> !left.equals(prefix));
    }

    /**
     * Keeps a network the user's browser has just left as seen at {@code lastSeen}, the
     * browser's last sign-in from it: updates the user's row of that network (never back in
     * time) or creates it (race-safe).
     */
    void keepNetwork(String realmId, String userId, String prefix, long lastSeen) {
        KnownNetworkEntity network = RowOnce.getOrCreate(session,
                () -> em.createNamedQuery("casvpNetworkOfUser", KnownNetworkEntity.class)
                        .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("prefix", prefix)
                        .getResultStream().findFirst(),
                other -> {
                    KnownNetworkEntity entity = new KnownNetworkEntity();
                    entity.setId(KeycloakModelUtils.generateId());
                    entity.setRealmId(realmId);
                    entity.setUserId(userId);
                    entity.setNetworkPrefix(prefix);
                    entity.setFirstSeen(lastSeen);
                    entity.setLastSeen(lastSeen);
                    new KnownDevices(other).em.persist(entity);
                });
        network.setLastSeen(Math.max(network.getLastSeen(), lastSeen));
    }

    /** Forgets one device of a user; false when the user has no such device. */
    public boolean forget(String realmId, String userId, String deviceId) {
        KnownDeviceEntity entity = em.find(KnownDeviceEntity.class, deviceId);
        if (entity == null || !entity.getRealmId().equals(realmId) || !entity.getUserId().equals(userId)) {
            return false;
        }
        em.remove(entity);
        return true;
    }

    /** Forgets every device and network of a user; returns how many devices were known. */
    public int forgetUser(String realmId, String userId) {
        em.createNamedQuery("casvpForgetNetworksOfUser")
                .setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
        return em.createNamedQuery("casvpForgetDevicesOfUser")
                .setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em.createNamedQuery("casvpForgetNetworksOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("casvpForgetDevicesOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /** Forgets devices and networks not seen since the cutoff; returns how many devices went. */
    public int forgetIdle(String realmId, long cutoffMillis) {
        em.createNamedQuery("casvpForgetIdleNetworks")
                .setParameter("realmId", realmId).setParameter("cutoff", cutoffMillis).executeUpdate();
        return em.createNamedQuery("casvpForgetIdleDevices")
                .setParameter("realmId", realmId).setParameter("cutoff", cutoffMillis).executeUpdate();
    }
}
