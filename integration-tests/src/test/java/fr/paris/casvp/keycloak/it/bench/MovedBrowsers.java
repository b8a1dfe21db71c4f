package fr.paris.casvp.keycloak.it.bench;

import fr.paris.casvp.keycloak.it.support.PostgresDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code casvp.bench.movedBrowsers} of the full-flow comparison: between legs, every browser's
 * last sign-in is recorded in the bench's database as made from another network
 * ({@value #ELSEWHERE}, TEST-NET-1 of RFC 5737), so that each agent's next sign-in moves its
 * browser back and the device step keeps the network it leaves, as when a laptop goes from home
 * to the office. The kept networks' last-seen times are zeroed, so that the writes of a leg can
 * be counted after it.
 */
final class MovedBrowsers {

    static final String ELSEWHERE = "192.0.2.0/24";

    /** In one counted casvp leg: networks left behind and kept during it, and its sign-ins. */
    record NetworkWrites(int kept, int signIns) {
        @Override
        public String toString() {
            return kept + "/" + signIns;
        }
    }

    private final PostgresDatabase database;
    private final List<NetworkWrites> writes = new ArrayList<>();

    MovedBrowsers(PostgresDatabase database) {
        this.database = database;
    }

    /** Before a leg: every browser's last sign-in was elsewhere. */
    void moveAway() {
        try (Connection db = database.connection();
             PreparedStatement moved = db.prepareStatement("UPDATE CASVP_KNOWN_DEVICE SET NETWORK_PREFIX = ?");
             PreparedStatement uncounted = db.prepareStatement("UPDATE CASVP_KNOWN_NETWORK SET LAST_SEEN = 0")) {
            moved.setString(1, ELSEWHERE);
            moved.executeUpdate();
            uncounted.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot move the browsers to another network", e);
        }
    }

    /** After a counted casvp leg of {@code signIns} sign-ins: how many agents' networks it kept. */
    void countWrites(int signIns) {
        try (Connection db = database.connection();
             PreparedStatement count = db.prepareStatement(
                     "SELECT COUNT(*) FROM CASVP_KNOWN_NETWORK WHERE NETWORK_PREFIX = ? AND LAST_SEEN > 0")) {
            count.setString(1, ELSEWHERE);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                writes.add(new NetworkWrites(rows.getInt(1), signIns));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the networks kept", e);
        }
    }

    List<NetworkWrites> writes() {
        return writes;
    }

    /** Whether every casvp sign-in kept the network its browser left: whether the moved case was measured. */
    boolean allKept() {
        return writes.stream().allMatch(w -> w.kept() == w.signIns());
    }
}
