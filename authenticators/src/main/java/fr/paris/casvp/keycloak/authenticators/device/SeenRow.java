package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.support.UserRow;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** Something of an agent's that sign-ins are seen from (a browser, a network): when first and last (ms since 1970). */
@MappedSuperclass
public abstract class SeenRow extends UserRow {

    @Column(name = "FIRST_SEEN", nullable = false)
    private long firstSeen;

    @Column(name = "LAST_SEEN", nullable = false)
    private long lastSeen;

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
