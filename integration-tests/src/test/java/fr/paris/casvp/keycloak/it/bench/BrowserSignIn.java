package fr.paris.casvp.keycloak.it.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One worker's browser: signs in as a browser never seen before would, with a fresh cookie
 * jar each time. GET the authorization endpoint, read the action of the
 * {@code kc-form-login} form, POST the username and password, and expect the 302 to the
 * client's redirect URI with a {@code code}; redirects are never followed. The time of a
 * sign-in is the time of both requests.
 *
 * <p>The jar is a {@link CookieManager} used explicitly rather than as the client's cookie
 * handler, so that one HTTP client (and its connections) serves all the worker's sign-ins;
 * a caller that plays an agent's own browser passes that browser's jar instead (see
 * {@link AgentBrowser}), and the jar keeps what the server set.
 * Keycloak marks its cookies {@code Secure} on {@code localhost} even over plain HTTP, as
 * browsers treat it as a secure context; the jar is therefore asked for cookies as for an
 * {@code https} address.
 */
final class BrowserSignIn {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

    /** Outcome of one sign-in: its duration, or why it failed. */
    record Result(long nanos, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private final HttpClient http;
    private final String realmUrl;
    private final String userAgent;

    BrowserSignIn(String baseUrl, String realm) {
        this(baseUrl, realm, null);
    }

    /** @param userAgent the {@code User-Agent} every request sends; null for the HTTP client's own */
    BrowserSignIn(String baseUrl, String realm, String userAgent) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.realmUrl = baseUrl + "/realms/" + realm;
        this.userAgent = userAgent;
    }

    /** A sign-in from a browser never seen before: a fresh cookie jar. */
    Result signIn(String clientId, String username, String password) {
        return signIn(clientId, username, password, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    /** A sign-in with the cookies already in {@code jar}; the cookies the server sets are added to it. */
    Result signIn(String clientId, String username, String password, CookieManager jar) {
        long started = System.nanoTime();
        try {
            URI authorize = URI.create(realmUrl + "/protocol/openid-connect/auth"
                    + "?client_id=" + encode(clientId)
                    + "&response_type=code&scope=openid"
                    + "&redirect_uri=" + encode(BenchRealm.REDIRECT_URI)
                    + "&state=" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            HttpResponse<String> page = send(HttpRequest.newBuilder(authorize).GET(), authorize, jar);
            if (page.statusCode() != 200) {
                return failed(started, "authorization endpoint answered " + page.statusCode());
            }
            String action = formAction(page.body());
            if (action == null) {
                return failed(started, "no kc-form-login form on the page");
            }
            URI post = URI.create(action);
            String form = "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=";
            HttpResponse<String> answer = send(HttpRequest.newBuilder(post)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), post, jar);
            String location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 || !location.startsWith(BenchRealm.REDIRECT_URI)
                    || !location.contains("code=")) {
                return failed(started, "password answered " + answer.statusCode()
                        + (location.isEmpty() ? "" : " to " + location.replaceAll("code=[^&]+", "code=…"))
                        + (answer.statusCode() == 200 ? " " + pageHint(answer.body()) : ""));
            }
            return new Result(System.nanoTime() - started, null);
        } catch (IOException | RuntimeException e) {
            return failed(started, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, "interrupted");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri, CookieManager jar)
            throws IOException, InterruptedException {
        URI cookieUri = asHttps(uri);
        List<String> cookies = jar.get(cookieUri, Map.of()).getOrDefault("Cookie", List.of());
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        jar.put(cookieUri, response.headers().map());
        return response;
    }

    static String formAction(String html) {
        Matcher form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            return null;
        }
        Matcher action = ACTION.matcher(form.group());
        return action.find() ? action.group(1).replace("&amp;", "&") : null;
    }

    /** The page's error text, if any, to say why a sign-in stayed on a page. */
    private static String pageHint(String html) {
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
        Matcher error = Pattern.compile("id=\"input-error[^\"]*\"[^>]*>\\s*([^<]+)").matcher(html);
        return "(page \"" + (title.find() ? title.group(1).trim() : "?") + "\""
                + (error.find() ? ", error \"" + error.group(1).trim() + "\"" : "") + ")";
    }

    /** The address the jar files Keycloak's cookies under (see the class comment). */
    static URI asHttps(URI uri) {
        return URI.create("https://" + uri.getRawAuthority() + uri.getRawPath());
    }

    private static Result failed(long started, String why) {
        return new Result(System.nanoTime() - started, why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
