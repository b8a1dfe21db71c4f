package fr.paris.casvp.keycloak.authenticators.privileged;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Who holds power over other accounts: anyone with any role of the realm's
 * {@code realm-management} client (realm administration, user management, impersonation,
 * clients, events, fine-grained permissions' management roles, even "view" roles, which show
 * every agent's data), directly, through a group or a composite role — plus the realm roles an
 * admin names (by default the helpdesk's {@code casvp-helpdesk}). Such accounts need a second
 * factor at every sign-in, and the helpdesk may act on none of them.
 */
public final class PrivilegedRoles {

    public static final String DEFAULT_REALM_ROLES = "casvp-helpdesk";

    private final List<String> realmRoles;

    private PrivilegedRoles(List<String> realmRoles) {
        this.realmRoles = realmRoles;
    }

    /** {@code realmRoles}: names separated by commas or spaces (null or blank: the default). */
    public static PrivilegedRoles of(String realmRoles) {
        String names = realmRoles == null || realmRoles.isBlank() ? DEFAULT_REALM_ROLES : realmRoles;
        return new PrivilegedRoles(Arrays.stream(names.split("[,\\s]+")).map(String::trim)
                .filter(name -> !name.isEmpty()).toList());
    }

    public boolean holds(RealmModel realm, UserModel user) {
        if (user == null) {
            return false;
        }
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        Stream<RoleModel> administrative = management == null ? Stream.empty() : management.getRolesStream();
        Stream<RoleModel> named = realmRoles.stream().map(realm::getRole).filter(Objects::nonNull);
        return Stream.concat(named, administrative).anyMatch(user::hasRole);
    }

    /** The realm roles named (for the admin console's validation and the docs). */
    public List<String> realmRoles() {
        return realmRoles;
    }
}
