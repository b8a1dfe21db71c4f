package fr.paris.casvp.keycloak.authenticators.support;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Get-or-create for a row that concurrent requests may both try to create (two failed
 * sign-ins at the same instant, for the same agent or from the same address). The row is
 * created in its own short transaction, committed at once; when another request created
 * it first, its unique constraint refuses ours and that is fine. The caller's transaction
 * then reads (and locks) the one row, so nothing fails and nothing is counted twice.
 */
public final class RowOnce {

    private static final Logger LOG = Logger.getLogger(RowOnce.class);

    private RowOnce() {
    }

    public static <T> T getOrCreate(KeycloakSession session, Supplier<Optional<T>> find, KeycloakSessionTask create) {
        Optional<T> existing = find.get();
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), create);
        } catch (RuntimeException createdMeanwhile) {
            LOG.debugf("casvp: row created by a concurrent request (%s)", createdMeanwhile.getClass().getSimpleName());
        }
        return find.get().orElseThrow(() -> new IllegalStateException("casvp: could not create a counter row"));
    }
}
