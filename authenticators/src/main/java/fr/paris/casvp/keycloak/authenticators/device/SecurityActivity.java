package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.network.NetworkPrefix;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent is shown of their account's security in the last 90 days, read from
 * Keycloak's stored events: sign-ins from a new device or an unusual network, sign-ins refused
 * because a browser is locked after wrong passwords, password changes, second factors added or
 * removed, a recovery address confirmed, devices they forgot. Everyday sign-ins from a known
 * browser are left out, and a run of refused tries from one network is one line. Never the
 * full address: the network prefix only.
 */
final class SecurityActivity {

    static final Duration PERIOD = Duration.ofDays(90);
    static final int MAX_ENTRIES = 100;

    static final String NEW_DEVICE = "newDevice";
    static final String UNUSUAL_NETWORK = "unusualNetwork";
    static final String PASSWORD_CHANGED = "passwordChanged";
    static final String PASSWORD_REMOVED = "passwordRemoved";
    static final String FACTOR_ADDED = "factorAdded";
    static final String FACTOR_REMOVED = "factorRemoved";
    static final String DEVICE_FORGOTTEN = "deviceForgotten";
    static final String RECOVERY_ADDRESS_CHANGED = "recoveryAddressChanged";
    static final String BROWSER_LOCKED = "browserLocked";

    /** Refused tries of one network closer than this to the previous line are that line. */
    static final Duration ONE_RUN = Duration.ofHours(1);

    /** One entry of the list: when (ms since 1970), what, from which network. */
    record Entry(long time, String kind, String network) {
    }

    private SecurityActivity() {
    }

    static List<Entry> of(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        EventStoreProvider events = session.getProvider(EventStoreProvider.class);
        if (events == null) {
            return List.of();
        }
        List<Entry> found = events.createQuery().realm(realm.getId()).user(user.getId())
                .type(EventType.LOGIN, EventType.LOGIN_ERROR, EventType.UPDATE_CREDENTIAL, EventType.REMOVE_CREDENTIAL,
                        EventType.CUSTOM_REQUIRED_ACTION)
                .fromDate(now - PERIOD.toMillis()).orderByDescTime().maxResults(MAX_ENTRIES * 5)
                .getResultStream()
                .flatMap(event -> kindOf(event.getType(), details(event))
                        .map(kind -> new Entry(event.getTime(), kind,
                                NetworkPrefix.of(event.getIpAddress()).orElse(DeviceDescription.UNKNOWN)))
                        .stream())
                .toList();
        return withoutRepeatedRefusals(found).stream().limit(MAX_ENTRIES).toList();
    }

    /**
     * Newest first, as stored: a refused try of a locked browser is dropped when the line above
     * it (newer) is a refusal from the same network less than {@link #ONE_RUN} later, so an
     * attacker's hundred tries are one line, not a hundred.
     */
    static List<Entry> withoutRepeatedRefusals(List<Entry> newestFirst) {
        List<Entry> kept = new ArrayList<>();
        for (Entry entry : newestFirst) {
            Entry above = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            boolean sameRun = above != null && BROWSER_LOCKED.equals(entry.kind()) && BROWSER_LOCKED.equals(above.kind())
                    && entry.network().equals(above.network()) && above.time() - entry.time() < ONE_RUN.toMillis();
            if (sameRun) {
                // the line keeps the run's first refusal as its time
                kept.set(kept.size() - 1, new Entry(entry.time(), above.kind(), above.network()));
            } else {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static Optional<String> customAction(String casvpEvent) {
        if (AccountDevicesResource.DEVICE_FORGOTTEN_EVENT.equals(casvpEvent)) {
            return Optional.of(DEVICE_FORGOTTEN);
        }
        return EventDetails.RECOVERY_ADDRESS_VERIFIED.equals(casvpEvent) ? Optional.of(RECOVERY_ADDRESS_CHANGED) : Optional.empty();
    }

    private static Map<String, String> details(Event event) {
        return event.getDetails() == null ? Map.of() : event.getDetails();
    }

    /**
     * The kind of entry an event is, if the agent is shown it. UPDATE_PASSWORD, UPDATE_TOTP
     * and REMOVE_TOTP are Keycloak's deprecated twins of the credential events: not read.
     */
    static Optional<String> kindOf(EventType type, Map<String, String> details) {
        if (type == null) {
            return Optional.empty();
        }
        boolean password = PasswordCredentialModel.TYPE.equals(details.get(Details.CREDENTIAL_TYPE));
        return switch (type) {
            case LOGIN -> "new".equals(details.get(DeviceRecognition.DEVICE_EVENT_DETAIL)) ? Optional.of(NEW_DEVICE)
                    : "unusual".equals(details.get(DeviceRecognition.NETWORK_EVENT_DETAIL))
                    ? Optional.of(UNUSUAL_NETWORK) : Optional.empty();
            case UPDATE_CREDENTIAL -> Optional.of(password ? PASSWORD_CHANGED : FACTOR_ADDED);
            case REMOVE_CREDENTIAL -> Optional.of(password ? PASSWORD_REMOVED : FACTOR_REMOVED);
            case LOGIN_ERROR -> EventDetails.LOCKOUT_BLOCKED.equals(details.get(EventDetails.LOCKOUT))
                    ? Optional.of(BROWSER_LOCKED) : Optional.empty();
            case CUSTOM_REQUIRED_ACTION -> customAction(details.get(DeviceRecognition.CASVP_EVENT_DETAIL));
            default -> Optional.empty();
        };
    }
}
