package fr.paris.casvp.keycloak.authenticators.device;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.urls.UrlType;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in agent's own known browsers: {@code GET devices} lists them (browser, system,
 * network prefix, first and last sign-in, which one is this browser), {@code DELETE
 * devices/{id}} forgets one and ends the sessions opened from it. Only the agent's own rows,
 * ever: another agent's id answers 404, as an id that does not exist. {@code GET activity}
 * is their security activity of the last 90 days, {@code POST activity/not-me} the way to
 * the "Ce n'était pas moi" page.
 *
 * <p>The agent is the one of Keycloak's session cookie (the account console keeps its token
 * where a theme module cannot reach it). A cookie rides along with requests other sites make,
 * so a change needs both an {@code Origin} equal to this server's and the {@link #CSRF_HEADER}
 * header, which no other site can add without a CORS preflight this endpoint never grants.
 */
final class AccountDevicesResource implements RealmResourceProvider {

    /** The header a forget request carries: a form or an image on another site cannot send it. */
    static final String CSRF_HEADER = "X-CASVP-Account";
    static final String DEVICE_FORGOTTEN_EVENT = "device_forgotten_by_agent";
    static final Duration NOT_ME_LINK_LIFETIME = Duration.ofMinutes(10);

    /** What the agent sees of one of their browsers: never the cookie, never the full address. */
    record DeviceView(String id, String browser, String os, String network, long firstSeen, long lastSeen,
                      boolean current) {
        static DeviceView of(KnownDeviceEntity row, boolean current) {
            return new DeviceView(row.getId(), orUnknown(row.getBrowser()), orUnknown(row.getOs()),
                    orUnknown(row.getNetworkPrefix()), row.getFirstSeen(), row.getLastSeen(), current);
        }

        private static String orUnknown(String part) {
            return part == null ? DeviceDescription.UNKNOWN : part;
        }
    }

    private final KeycloakSession session;

    AccountDevicesResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("devices")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Optional<AuthenticationManager.AuthResult> agent = signedIn();
        if (agent.isEmpty()) {
            return notSignedIn();
        }
        RealmModel realm = session.getContext().getRealm();
        UserModel user = agent.get().getUser();
        Optional<String> current = KnownDevices.recognisedDeviceId(session, realm.getId(), user.getId());
        List<DeviceView> devices = new KnownDevices(session).list(realm.getId(), user.getId()).stream()
                .map(row -> DeviceView.of(row, current.filter(row.getId()::equals).isPresent()))
                .sorted(Comparator.comparing(DeviceView::current).reversed()
                        .thenComparing(Comparator.comparingLong(DeviceView::lastSeen).reversed()))
                .toList();
        return Response.ok(devices).cacheControl(noStore()).build();
    }

    /** The agent's security activity of the last 90 days ({@link SecurityActivity}), newest first. */
    @GET
    @Path("activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activity() {
        Optional<AuthenticationManager.AuthResult> agent = signedIn();
        if (agent.isEmpty()) {
            return notSignedIn();
        }
        return Response.ok(SecurityActivity.of(session, session.getContext().getRealm(), agent.get().getUser(),
                Time.currentTimeMillis())).cacheControl(noStore()).build();
    }

    /**
     * "Ce n'était pas moi" next to an entry: a fresh link to the alert mail's own "not me"
     * page (which asks before it secures the account), valid {@link #NOT_ME_LINK_LIFETIME}.
     */
    @POST
    @Path("activity/not-me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response notMe() {
        Optional<AuthenticationManager.AuthResult> agent = signedIn();
        if (agent.isEmpty()) {
            return notSignedIn();
        }
        if (!fromTheConsole()) {
            return forbidden();
        }
        RealmModel realm = session.getContext().getRealm();
        String url = NotMeLink.create(session, realm, agent.get().getUser(), null, NOT_ME_LINK_LIFETIME);
        return Response.ok(Map.of("url", url)).cacheControl(noStore()).build();
    }

    @DELETE
    @Path("devices/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forget(@PathParam("id") String deviceId) {
        Optional<AuthenticationManager.AuthResult> agent = signedIn();
        if (agent.isEmpty()) {
            return notSignedIn();
        }
        if (!fromTheConsole()) {
            return forbidden();
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        RealmModel realm = session.getContext().getRealm();
        UserModel user = agent.get().getUser();
        if (!new KnownDevices(session).forget(realm.getId(), user.getId(), deviceId)) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "not_found"))
                    .type(MediaType.APPLICATION_JSON).cacheControl(noStore()).build();
        }
        List<UserSessionModel> fromIt = session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> deviceId.equals(userSession.getNote(DeviceRecognition.DEVICE_SESSION_NOTE)))
                .toList();
        fromIt.forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                session.getContext().getUri(), session.getContext().getConnection(), headers, true));
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail(Details.CUSTOM_REQUIRED_ACTION, AccountDevicesResourceFactory.ID)
                .detail(DeviceRecognition.CASVP_EVENT_DETAIL, DEVICE_FORGOTTEN_EVENT)
                .detail("casvp_sessions_ended", Integer.toString(fromIt.size()))
                .success();
        return Response.noContent().cacheControl(noStore()).build();
    }

    /**
     * Whether a request's {@code Origin} is this server's own (scheme, host and port of its
     * front-end URL): browsers always send it on a DELETE, and another site cannot forge it.
     */
    static boolean fromThisServer(String origin, URI base) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        URI from;
        try {
            from = URI.create(origin.trim());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (from.getScheme() == null || from.getHost() == null || (from.getPath() != null && !from.getPath().isEmpty())
                || from.getRawQuery() != null || from.getRawFragment() != null || from.getRawUserInfo() != null) {
            return false;
        }
        return from.getScheme().equalsIgnoreCase(base.getScheme()) && from.getHost().equalsIgnoreCase(base.getHost())
                && port(from) == port(base);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A change is taken only from a page of this server that added the console's header (CSRF). */
    private boolean fromTheConsole() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        URI base = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
        return fromThisServer(headers.getHeaderString("Origin"), base) && headers.getHeaderString(CSRF_HEADER) != null;
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).entity(Map.of("error", "forbidden"))
                .type(MediaType.APPLICATION_JSON).cacheControl(noStore()).build();
    }

    private Optional<AuthenticationManager.AuthResult> signedIn() {
        RealmModel realm = session.getContext().getRealm();
        return Optional.ofNullable(AuthenticationManager.authenticateIdentityCookie(session, realm, true))
                .filter(result -> result.getUser() != null && result.getUser().isEnabled());
    }

    private static Response notSignedIn() {
        return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("error", "not_signed_in"))
                .type(MediaType.APPLICATION_JSON).cacheControl(noStore()).build();
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }

    @Override
    public void close() {
        // nothing held
    }
}
