package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.support.RealmRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Failed sign-ins from one source (IPv4 address, IPv6 /64) across all accounts, per window. */
@Entity
@Table(name = "CASVP_SOURCE_FAILURES")
@NamedQueries({
        @NamedQuery(name = "casvpSourceFailures",
                query = "select s from SourceFailuresEntity s where s.realmId = :realmId and s.source = :source"),
        @NamedQuery(name = "casvpForgetSourcesOfRealm",
                query = "delete from SourceFailuresEntity s where s.realmId = :realmId"),
        @NamedQuery(name = "casvpForgetIdleSources",
                query = "delete from SourceFailuresEntity s where s.realmId = :realmId and s.windowStart < :cutoff")
})
public class SourceFailuresEntity extends RealmRow {

    @Column(name = "SOURCE", length = 64, nullable = false)
    private String source;

    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "FAILURES", nullable = false)
    private int failures;

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public void setWindowStart(long windowStart) {
        this.windowStart = windowStart;
    }

    public int getFailures() {
        return failures;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }
}
