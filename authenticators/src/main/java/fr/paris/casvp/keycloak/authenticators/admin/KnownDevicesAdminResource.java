package fr.paris.casvp.keycloak.authenticators.admin;

import fr.paris.casvp.keycloak.authenticators.device.KnownDeviceEntity;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutCounterEntity;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutRelease;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutScope;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutStore;
import fr.paris.casvp.keycloak.authenticators.store.IdleCleanup;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Map;

/**
 * Lists and forgets a user's known devices, shows and clears their lockout counters. Viewing needs the right to view the user,
 * forgetting the right to manage them (the admin console's "view-users" and
 * "manage-users", or fine-grained permissions); the cleanup needs "manage-realm".
 */
public final class KnownDevicesAdminResource {

    /** What an admin sees of a device: never its id hash. */
    public record DeviceView(String id, String browser, String os, String network, long firstSeen, long lastSeen) {
        static DeviceView of(KnownDeviceEntity entity) {
            return new DeviceView(entity.getId(), entity.getBrowser(), entity.getOs(), entity.getNetworkPrefix(),
                    entity.getFirstSeen(), entity.getLastSeen());
        }
    }

    /** A lockout counter as an admin sees it: which browsers, how many failures, until when refused. */
    public record LockView(String scope, int consecutiveFailures, int failuresInWindow, long blockedUntil,
                           boolean locked) {
        static LockView of(LockoutCounterEntity counter, long now) {
            LockoutScope stored = LockoutScope.parse(counter.getScope());
            String scope = stored.isKnownBrowser() ? "known-device " + stored.deviceId() : "unknown-devices";
            return new LockView(scope, counter.getConsecutive(), counter.getWindowFailures(), counter.getBlockedUntil(),
                    counter.getLockedAt() > 0 && counter.getBlockedUntil() > now);
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    KnownDevicesAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DeviceView> list(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireView(user);
        return new KnownDevices(session).list(realm.getId(), user.getId()).stream().map(DeviceView::of).toList();
    }

    @DELETE
    @Path("users/{userId}/{deviceId}")
    public void forget(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        if (!new KnownDevices(session).forget(realm.getId(), user.getId(), deviceId)) {
            throw new NotFoundException("No such device");
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
    }

    @DELETE
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> forgetAll(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        int forgotten = new KnownDevices(session).forgetUser(realm.getId(), user.getId());
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        return Map.of("forgotten", forgotten);
    }

    /** The user's lockout counters (known browsers and unknown ones). */
    @GET
    @Path("users/{userId}/lockout")
    @Produces(MediaType.APPLICATION_JSON)
    public List<LockView> locks(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireView(user);
        long now = Time.currentTimeMillis();
        return new LockoutStore(session).countersOf(realm.getId(), user.getId()).stream()
                .map(counter -> LockView.of(counter, now)).toList();
    }

    /** Clears every lock and failure count of the user (after checking who is calling the helpdesk). */
    @DELETE
    @Path("users/{userId}/lockout")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> unlock(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        int cleared = LockoutRelease.ofUser(session, realm, user.getId());
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).success();
        return Map.of("cleared", cleared);
    }

    /** Runs the idle-device cleanup of this realm now, instead of waiting for the daily run. */
    @POST
    @Path("cleanup")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> cleanup() {
        auth.realm().requireManageRealm();
        int forgotten = IdleCleanup.forgetIdle(session, realm);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.REALM)
                .resourcePath(session.getContext().getUri()).success();
        return Map.of("forgotten", forgotten);
    }

    private UserModel user(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            // same answer as for a user one may not see: no existence oracle beyond Keycloak's own
            auth.users().requireView();
            throw new NotFoundException("User not found");
        }
        return user;
    }
}
