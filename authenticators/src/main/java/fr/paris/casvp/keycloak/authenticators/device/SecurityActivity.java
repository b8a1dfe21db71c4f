package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.network.NetworkPrefix;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent is shown of their account's security in the last 90 days, read from
 * Keycloak's stored events: sign-ins from a new device or an unusual network, password
 * changes, second factors added or removed, devices they forgot. Everyday sign-ins from a
 * known browser are left out. Never the full address: the network prefix only.
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
        return events.createQuery().realm(realm.getId()).user(user.getId())
                .type(EventType.LOGIN, EventType.UPDATE_CREDENTIAL, EventType.REMOVE_CREDENTIAL,
                        EventType.CUSTOM_REQUIRED_ACTION)
                .fromDate(now - PERIOD.toMillis()).orderByDescTime().maxResults(MAX_ENTRIES * 5)
                .getResultStream()
                .flatMap(event -> kindOf(event.getType(), details(event))
                        .map(kind -> new Entry(event.getTime(), kind,
                                NetworkPrefix.of(event.getIpAddress()).orElse(DeviceDescription.UNKNOWN)))
                        .stream())
                .limit(MAX_ENTRIES)
                .toList();
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
            case CUSTOM_REQUIRED_ACTION -> AccountDevicesResource.DEVICE_FORGOTTEN_EVENT.equals(
                    details.get(DeviceRecognition.CASVP_EVENT_DETAIL)) ? Optional.of(DEVICE_FORGOTTEN) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
