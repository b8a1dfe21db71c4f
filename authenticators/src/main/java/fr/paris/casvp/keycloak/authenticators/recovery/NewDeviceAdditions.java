package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What whoever signed in from a new device may have added to the account: a recovery address
 * confirmed, or a second factor set up, from a browser that is not one of the agent's known
 * devices or became one less than {@link #WINDOW} ago (their very first device excepted). An intruder with the password, on a new
 * device, is asked for exactly these (an agent without an address must give one), so each is
 * recorded on the user (attribute {@value #ATTRIBUTE}: kind, reference, time); "Ce n'était pas
 * moi" and the helpdesk's "secure" remove those of the last {@link #WINDOW}, so that recovery
 * then goes only through a helpdesk code. The agent's own additions from a device they have
 * used for longer are kept.
 */
public final class NewDeviceAdditions {

    /** How long after a device first signed in its additions are taken back by "not me" or "secure". */
    public static final Duration WINDOW = Duration.ofDays(14);
    static final String ATTRIBUTE = "casvp.newDeviceAdditions";
    /** A credential set up less than this before the event that reports it is the one it reports. */
    private static final Duration JUST_CREATED = Duration.ofMinutes(2);
    private static final String ADDRESS = "recovery-address";
    private static final String CREDENTIAL = "credential";

    /** What {@link #undo} took back. */
    public record Undone(boolean recoveryAddressRemoved, int factorsRemoved) {
    }

    private record Entry(String kind, String reference, long at) {

        String value() {
            return kind + "|" + reference + "|" + at;
        }

        static Optional<Entry> parse(String value) {
            String[] parts = value == null ? new String[0] : value.split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(parts[0], parts[1], Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private NewDeviceAdditions() {
    }

    /**
     * Whether this request comes from a browser that is not one of the agent's devices, or
     * became one less than {@link #WINDOW} ago and is not their very first (the one they had
     * before any other: an intruder's is never that one, unless the agent never signed in).
     */
    static boolean fromNewDevice(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        Optional<Long> firstSeen = KnownDevices.firstSeenOfThisBrowser(session, realm.getId(), user.getId());
        if (firstSeen.isEmpty()) {
            return true;
        }
        if (now - firstSeen.get() >= WINDOW.toMillis()) {
            return false;
        }
        long firstDevice = new KnownDevices(session).firstDeviceSeen(realm.getId(), user.getId())
                .orElse(firstSeen.get());
        return firstSeen.get() > firstDevice;
    }

    /** The agent just confirmed this recovery address: recorded when it happens from a new device. */
    static void recoveryAddressConfirmed(KeycloakSession session, RealmModel realm, UserModel user, String address) {
        long now = Time.currentTimeMillis();
        if (fromNewDevice(session, realm, user, now)) {
            record(user, List.of(new Entry(ADDRESS, addressHash(address), now)), now);
        }
    }

    /**
     * A second factor was just set up (Keycloak reports it as an event, without the
     * credential's id): the app, keys and recovery codes created in the last minutes are
     * recorded when this comes from a new device.
     */
    static void secondFactorSetUp(KeycloakSession session, RealmModel realm, UserModel user) {
        long now = Time.currentTimeMillis();
        if (!fromNewDevice(session, realm, user, now)) {
            return;
        }
        List<Entry> created = user.credentialManager().getStoredCredentialsStream()
                .filter(credential -> SecondFactors.ALL.contains(credential.getType()))
                .filter(credential -> credential.getCreatedDate() != null
                        && now - credential.getCreatedDate() < JUST_CREATED.toMillis())
                .map(CredentialModel::getId)
                .map(id -> new Entry(CREDENTIAL, id, now))
                .toList();
        record(user, created, now);
    }

    /**
     * Removes what was added from a new device in the last {@link #WINDOW}: those second
     * factors, and the recovery address if it is still the one confirmed then.
     */
    public static Undone undo(KeycloakSession session, RealmModel realm, UserModel user) {
        long now = Time.currentTimeMillis();
        List<Entry> recent = entries(user).stream().filter(entry -> now - entry.at() < WINDOW.toMillis()).toList();
        Set<String> credentials = recent.stream().filter(entry -> CREDENTIAL.equals(entry.kind()))
                .map(Entry::reference).collect(Collectors.toSet());
        int factorsRemoved = SecondFactors.remove(user, credential -> credentials.contains(credential.getId()));

        String attribute = AgentSettings.of(session, realm).secondaryAddressAttribute();
        Set<String> addresses = recent.stream().filter(entry -> ADDRESS.equals(entry.kind()))
                .map(Entry::reference).collect(Collectors.toSet());
        Optional<String> verified = SecondaryAddress.lastVerified(user, attribute);
        boolean addressRemoved = verified.isPresent() && addresses.contains(addressHash(verified.get()));
        if (addressRemoved) {
            SecondaryAddress.typed(user, attribute).filter(typed -> SecondaryAddress.sameAddress(typed, verified.get()))
                    .ifPresent(typed -> user.removeAttribute(attribute));
            user.removeAttribute(SecondaryAddress.verifiedAttribute(attribute));
        }
        user.removeAttribute(ATTRIBUTE);
        return new Undone(addressRemoved, factorsRemoved);
    }

    private static void record(UserModel user, List<Entry> added, long now) {
        if (added.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        entries(user).stream().filter(entry -> now - entry.at() < WINDOW.toMillis())
                .filter(entry -> added.stream().noneMatch(a -> a.reference().equals(entry.reference())))
                .map(Entry::value).forEach(kept::add);
        added.stream().map(Entry::value).forEach(kept::add);
        user.setAttribute(ATTRIBUTE, kept);
    }

    private static List<Entry> entries(UserModel user) {
        return user.getAttributeStream(ATTRIBUTE).map(Entry::parse).flatMap(Optional::stream).toList();
    }

    private static String addressHash(String address) {
        return OneTimeCode.hash(ADDRESS, address.strip().toLowerCase(Locale.ROOT));
    }
}
