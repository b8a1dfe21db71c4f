package fr.paris.casvp.keycloak.authenticators.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A network (/24 IPv4, /48 IPv6) one of an agent's browsers has moved away from, with when
 * the agent last signed in from it. With the network each browser was last used from (on
 * its {@link KnownDeviceEntity} row), it says which networks are recent for the agent: a
 * sign-in from a network not among the recent ones is "unusual".
 */
@Entity
@Table(name = "CASVP_KNOWN_NETWORK")
@NamedQueries({
        @NamedQuery(name = "casvpNetworkOfUser",
                query = "select n from KnownNetworkEntity n where n.realmId = :realmId and n.userId = :userId and n.networkPrefix = :prefix"),
        @NamedQuery(name = "casvpRecentNetworksOfUser",
                query = "select d.networkPrefix from KnownDeviceEntity d where d.realmId = :realmId"
                        + " and d.userId = :userId and d.lastSeen >= :since and d.networkPrefix is not null"
                        + " union select n.networkPrefix from KnownNetworkEntity n where n.realmId = :realmId"
                        + " and n.userId = :userId and n.lastSeen >= :since"),
        @NamedQuery(name = "casvpForgetNetworksOfUser",
                query = "delete from KnownNetworkEntity n where n.realmId = :realmId and n.userId = :userId"),
        @NamedQuery(name = "casvpForgetNetworksOfRealm",
                query = "delete from KnownNetworkEntity n where n.realmId = :realmId"),
        @NamedQuery(name = "casvpForgetIdleNetworks",
                query = "delete from KnownNetworkEntity n where n.realmId = :realmId and n.lastSeen < :cutoff")
})
public class KnownNetworkEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "NETWORK_PREFIX", length = 64, nullable = false)
    private String networkPrefix;

    @Column(name = "FIRST_SEEN", nullable = false)
    private long firstSeen;

    @Column(name = "LAST_SEEN", nullable = false)
    private long lastSeen;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getNetworkPrefix() {
        return networkPrefix;
    }

    public void setNetworkPrefix(String networkPrefix) {
        this.networkPrefix = networkPrefix;
    }

    public long getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(long firstSeen) {
        this.firstSeen = firstSeen;
    }

    public long getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(long lastSeen) {
        this.lastSeen = lastSeen;
    }
}
