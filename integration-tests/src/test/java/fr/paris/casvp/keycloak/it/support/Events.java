package fr.paris.casvp.keycloak.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The casvp realm's stored events (what a SIEM would read), oldest first. */
public final class Events {

    private Events() {
    }

    public static List<EventRepresentation> of(KeycloakServer server, String userId, String type) {
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        return realm.getEvents(List.of(type), null, userId, null, null, null, 0, 500).stream()
                .sorted(Comparator.comparingLong(EventRepresentation::getTime))
                .toList();
    }

    /** Details of the user's successful sign-ins, oldest first. */
    public static List<Map<String, String>> loginDetails(KeycloakServer server, String userId) {
        return of(server, userId, "LOGIN").stream().map(e -> e.getDetails() == null ? Map.<String, String>of() : e.getDetails()).toList();
    }

    /**
     * Waits (at most {@code timeout}) until the user has {@code count} events of the type
     * whose {@code casvp_event} detail is {@code casvpEvent}; returns them.
     */
    public static List<EventRepresentation> await(KeycloakServer server, String userId, String type, String casvpEvent,
                                                  int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<EventRepresentation> found = of(server, userId, type).stream()
                    .filter(e -> e.getDetails() != null && casvpEvent.equals(e.getDetails().get("casvp_event")))
                    .toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100); // polling interval of a bounded wait, not a timing assumption
        }
    }
}
