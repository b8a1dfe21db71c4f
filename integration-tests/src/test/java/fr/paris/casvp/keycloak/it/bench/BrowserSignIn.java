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
 * One worker's browser at the login form: GET the authorization endpoint, read the action of
 * the {@code kc-form-login} form, POST the username and a password; redirects are never
 * followed. A sign-in expects the 302 to the client's redirect URI with a {@code code}; a
 * wrong password expects the login page again (the form is there), with status 200 or 401.
 * The time of either is the time of both requests.
 *
 * <p>The jar is a {@link CookieManager} used explicitly rather than as the client's cookie
 * handler, so that one HTTP client (and its connections) serves all the worker's tries; a
 * browser never seen before gets a fresh jar each time, a caller that plays an agent's own
 * browser passes that browser's jar instead (see {@link AgentBrowser}), and the jar keeps
 * what the server set.
 * Keycloak marks its cookies {@code Secure} on {@code localhost} even over plain HTTP, as
 * browsers treat it as a secure context; the jar is therefore asked for cookies as for an
 * {@code https} address.
 */
final class BrowserSignIn {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    /** The field error's text; in the keycloak.v2 theme it sits in a span inside the {@code input-error…} element. */
    private static final Pattern INPUT_ERROR =
            Pattern.compile("id=\"input-error[^\"]*\"[^>]*>(?:\\s*<[^>]+>)*\\s*([^<\\s][^<]*)");

    /**
     * Outcome of one try: its duration; the status of the POST, or of the GET when it led to no
     * form (0 without an answer); the page's error text when a wrong password got the form
     * again; or why it failed.
     */
    record Result(long nanos, int status, String error, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    /** The POST's answer, or the result of a try that never reached the form. */
    private record Posted(HttpResponse<String> answer, Result refused) {
    }

    /** One try, given the time it started; what it throws ends it as a failure. */
    private interface Exchange {
        Result run(long started) throws IOException, InterruptedException;
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
        return signIn(clientId, username, password, freshJar());
    }

    /** A sign-in with the cookies already in {@code jar}; the cookies the server sets are added to it. */
    Result signIn(String clientId, String username, String password, CookieManager jar) {
        return timed(started -> {
            Posted posted = post(started, clientId, username, password, jar);
            if (posted.refused() != null) {
                return posted.refused();
            }
            HttpResponse<String> answer = posted.answer();
            String location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 || !location.startsWith(BenchRealm.REDIRECT_URI)
                    || !location.contains("code=")) {
                return failed(started, answer.statusCode(), "password answered " + answer.statusCode()
                        + redirect(location) + (answer.statusCode() == 200 ? " " + pageHint(answer.body()) : ""));
            }
            return new Result(System.nanoTime() - started, answer.statusCode(), null, null);
        });
    }

    /** A wrong password from a browser never seen before (a fresh cookie jar): the login page must come again. */
    Result wrongPassword(String clientId, String username, String wrongPassword) {
        CookieManager jar = freshJar();
        return timed(started -> {
            Posted posted = post(started, clientId, username, wrongPassword, jar);
            if (posted.refused() != null) {
                return posted.refused();
            }
            long nanos = System.nanoTime() - started;
            int status = posted.answer().statusCode();
            String body = posted.answer().body();
            if ((status != 200 && status != 401) || formAction(body) == null) {
                return new Result(nanos, status, null, "wrong password answered " + status
                        + redirect(posted.answer().headers().firstValue("Location").orElse("")) + " "
                        + pageHint(body));
            }
            return new Result(nanos, status, inputError(body), null);
        });
    }

    /** GET of the authorization endpoint, then POST of the login form it shows. */
    private Posted post(long started, String clientId, String username, String password, CookieManager jar)
            throws IOException, InterruptedException {
        URI authorize = URI.create(realmUrl + "/protocol/openid-connect/auth"
                + "?client_id=" + encode(clientId)
                + "&response_type=code&scope=openid"
                + "&redirect_uri=" + encode(BenchRealm.REDIRECT_URI)
                + "&state=" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorize).GET(), authorize, jar);
        if (page.statusCode() != 200) {
            return new Posted(null, failed(started, page.statusCode(),
                    "authorization endpoint answered " + page.statusCode()));
        }
        String action = formAction(page.body());
        if (action == null) {
            return new Posted(null, failed(started, page.statusCode(), "no kc-form-login form on the page"));
        }
        URI post = URI.create(action);
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=";
        return new Posted(send(HttpRequest.newBuilder(post)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), post, jar), null);
    }

    private static Result timed(Exchange exchange) {
        long started = System.nanoTime();
        try {
            return exchange.run(started);
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
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        jar.put(cookieUri, response.headers().map());
        return response;
    }

    private static String formAction(String html) {
        Matcher form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            return null;
        }
        Matcher action = ACTION.matcher(form.group());
        return action.find() ? action.group(1).replace("&amp;", "&") : null;
    }

    private static String inputError(String html) {
        Matcher error = INPUT_ERROR.matcher(html);
        return error.find() ? error.group(1).trim() : "(no input error)";
    }

    /** The page's title and error text, to say why a try stayed on a page. */
    private static String pageHint(String html) {
        Matcher title = TITLE.matcher(html);
        return "(page \"" + (title.find() ? title.group(1).trim() : "?") + "\", error \"" + inputError(html) + "\")";
    }

    /** Where a redirect went, its code hidden. */
    private static String redirect(String location) {
        return location.isEmpty() ? "" : " to " + location.replaceAll("code=[^&]+", "code=…");
    }

    /** The address the jar files Keycloak's cookies under (see the class comment). */
    private static URI asHttps(URI uri) {
        return URI.create("https://" + uri.getRawAuthority() + uri.getRawPath());
    }

    private static CookieManager freshJar() {
        return new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    }

    private static Result failed(long started, int status, String why) {
        return new Result(System.nanoTime() - started, status, null, why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
