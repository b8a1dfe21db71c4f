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
 * One worker's browser trying a wrong password, as a browser never seen before would: a
 * fresh cookie jar, GET of the authorization endpoint, POST of the username and a wrong
 * password to the {@code kc-form-login} form's action; the answer must be the login page
 * again (the form is there, no redirect), with status 200 or 401 (recorded). Redirects are
 * never followed. The time of an attempt is the time of both requests.
 *
 * <p>Cookies are handled as in {@link BrowserSignIn}: one {@link CookieManager} per attempt,
 * used explicitly so that one HTTP client (and its connections) serves all the worker's
 * attempts, and asked for cookies as for an {@code https} address (Keycloak marks them
 * {@code Secure} on {@code localhost}).
 */
final class WrongPasswordAttempt {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    /** The field error's text; in the keycloak.v2 theme it sits in a span inside the {@code input-error…} element. */
    private static final Pattern INPUT_ERROR =
            Pattern.compile("id=\"input-error[^\"]*\"[^>]*>(?:\\s*<[^>]+>)*\\s*([^<\\s][^<]*)");

    /** Outcome of one attempt: its duration, the POST's status, the page's error text, or why it failed. */
    record Result(long nanos, int status, String error, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private final HttpClient http;
    private final String realmUrl;

    WrongPasswordAttempt(String baseUrl, String realm) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.realmUrl = baseUrl + "/realms/" + realm;
    }

    Result attempt(String clientId, String username, String wrongPassword) {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        long started = System.nanoTime();
        try {
            URI authorize = URI.create(realmUrl + "/protocol/openid-connect/auth"
                    + "?client_id=" + encode(clientId)
                    + "&response_type=code&scope=openid"
                    + "&redirect_uri=" + encode(BenchRealm.REDIRECT_URI)
                    + "&state=" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            HttpResponse<String> page = send(HttpRequest.newBuilder(authorize).GET(), authorize, jar);
            if (page.statusCode() != 200) {
                return failed(started, page.statusCode(), "authorization endpoint answered " + page.statusCode());
            }
            String action = BrowserSignIn.formAction(page.body());
            if (action == null) {
                return failed(started, page.statusCode(), "no kc-form-login form on the page");
            }
            URI post = URI.create(action);
            String form = "username=" + encode(username) + "&password=" + encode(wrongPassword) + "&credentialId=";
            HttpResponse<String> answer = send(HttpRequest.newBuilder(post)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), post, jar);
            long nanos = System.nanoTime() - started;
            int status = answer.statusCode();
            String body = answer.body();
            if ((status != 200 && status != 401) || BrowserSignIn.formAction(body) == null) {
                String location = answer.headers().firstValue("Location").orElse("");
                return new Result(nanos, status, null, "wrong password answered " + status
                        + (location.isEmpty() ? "" : " to " + location.replaceAll("code=[^&]+", "code=…"))
                        + " " + pageHint(body));
            }
            return new Result(nanos, status, inputError(body), null);
        } catch (IOException | RuntimeException e) {
            return failed(started, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, 0, "interrupted");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri, CookieManager jar)
            throws IOException, InterruptedException {
        URI cookieUri = asHttps(uri);
        List<String> cookies = jar.get(cookieUri, Map.of()).getOrDefault("Cookie", List.of());
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        jar.put(cookieUri, response.headers().map());
        return response;
    }

    private static String inputError(String html) {
        Matcher error = INPUT_ERROR.matcher(html);
        return error.find() ? error.group(1).trim() : "(no input error)";
    }

    private static String pageHint(String html) {
        Matcher title = TITLE.matcher(html);
        return "(page \"" + (title.find() ? title.group(1).trim() : "?") + "\", error \"" + inputError(html) + "\")";
    }

    private static URI asHttps(URI uri) {
        return URI.create("https://" + uri.getRawAuthority() + uri.getRawPath());
    }

    private static Result failed(long started, int status, String why) {
        return new Result(System.nanoTime() - started, status, null, why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
