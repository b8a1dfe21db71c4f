package fr.paris.casvp.keycloak.authenticators.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
public class KnownNetworkEntity extends SeenRow {

    @Column(name = "NETWORK_PREFIX", length = 64, nullable = false)
    private String networkPrefix;

    public String getNetworkPrefix() {
        return networkPrefix;
    }

    public void setNetworkPrefix(String networkPrefix) {
        this.networkPrefix = networkPrefix;
    }
}
