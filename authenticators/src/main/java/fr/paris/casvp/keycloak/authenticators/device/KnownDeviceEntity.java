package fr.paris.casvp.keycloak.authenticators.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One browser an agent has signed in from. The browser's id is kept only as a SHA-256
 * hash; the raw id lives in the browser's cookie. Browser, OS and network are for the
 * agent and the admin to recognise the device, never the full address.
 */
@Entity
@Table(name = "CASVP_KNOWN_DEVICE")
@NamedQueries({
        @NamedQuery(name = "casvpDevicesOfUser",
                query = "select d from KnownDeviceEntity d where d.realmId = :realmId and d.userId = :userId order by d.lastSeen desc"),
        @NamedQuery(name = "casvpCountDevicesOfUser",
                query = "select count(d) from KnownDeviceEntity d where d.realmId = :realmId and d.userId = :userId"),
        @NamedQuery(name = "casvpDevicesOfBrowser",
                query = "select d from KnownDeviceEntity d where d.realmId = :realmId and d.deviceHash = :hash"),
        @NamedQuery(name = "casvpForgetDevicesOfUser",
                query = "delete from KnownDeviceEntity d where d.realmId = :realmId and d.userId = :userId"),
        @NamedQuery(name = "casvpForgetDevicesOfRealm",
                query = "delete from KnownDeviceEntity d where d.realmId = :realmId"),
        @NamedQuery(name = "casvpForgetIdleDevices",
                query = "delete from KnownDeviceEntity d where d.realmId = :realmId and d.lastSeen < :cutoff")
})
public class KnownDeviceEntity extends SeenRow {

    @Column(name = "DEVICE_HASH", length = 64, nullable = false)
    private String deviceHash;

    @Column(name = "BROWSER", length = 100)
    private String browser;

    @Column(name = "OS", length = 100)
    private String os;

    @Column(name = "NETWORK_PREFIX", length = 64)
    private String networkPrefix;

    public String getDeviceHash() {
        return deviceHash;
    }

    public void setDeviceHash(String deviceHash) {
        this.deviceHash = deviceHash;
    }

    public String getBrowser() {
        return browser;
    }

    public void setBrowser(String browser) {
        this.browser = browser;
    }

    public String getOs() {
        return os;
    }

    public void setOs(String os) {
        this.os = os;
    }

    public String getNetworkPrefix() {
        return networkPrefix;
    }

    public void setNetworkPrefix(String networkPrefix) {
        this.networkPrefix = networkPrefix;
    }
}
