package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.network.NetworkPrefix;
import fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Password spraying: failures from one source (an IPv4 address, an IPv6 /64) across all
 * accounts, unknown identifiers included, counted per window; beyond the threshold (a
 * higher one for the realm's trusted networks, where the whole agency may share a VPN address)
 * the source is refused until the window ends.
 */
public final class SourceThrottle {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LockoutSettings settings;

    public SourceThrottle(KeycloakSession session, RealmModel realm, LockoutSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
    }

    /** Until when (ms) this source is refused, or 0. */
    public long throttledUntil(String remoteAddress) {
        Optional<String> source = sourceOf(remoteAddress);
        if (source.isEmpty()) {
            return 0;
        }
        SourceFailuresEntity entity = new LockoutStore(session).source(realm.getId(), source.get(), false);
        long now = Time.currentTimeMillis();
        long windowEnd = entity == null ? 0 : entity.getWindowStart() + settings.sourceWindow().toMillis();
        if (entity == null || windowEnd <= now) {
            return 0;
        }
        return entity.getFailures() >= threshold(remoteAddress) ? windowEnd : 0;
    }

    public void recordFailure(String remoteAddress) {
        Optional<String> source = sourceOf(remoteAddress);
        if (source.isEmpty()) {
            return;
        }
        LockoutStore store = new LockoutStore(session);
        SourceFailuresEntity entity = store.sourceForUpdate(realm.getId(), source.get());
        long now = Time.currentTimeMillis();
        if (entity.getFailures() == 0 || now - entity.getWindowStart() >= settings.sourceWindow().toMillis()) {
            entity.setWindowStart(now);
            entity.setFailures(0);
        }
        entity.setFailures(entity.getFailures() + 1);
    }

    private int threshold(String remoteAddress) {
        return RealmTrustedNetworks.of(session, realm).contains(remoteAddress)
                ? settings.trustedSourceMaxFailures() : settings.sourceMaxFailures();
    }

    /** An IPv4 address as is; an IPv6 address as its /64 (one customer line). */
    static Optional<String> sourceOf(String remoteAddress) {
        Optional<InetAddress> address = NetworkPrefix.parseLiteral(remoteAddress);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (!(address.get() instanceof Inet6Address)) {
            return Optional.of(address.get().getHostAddress());
        }
        byte[] bytes = address.get().getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            prefix.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff))).append(':');
        }
        return Optional.of(prefix.append(":/64").toString());
    }
}
