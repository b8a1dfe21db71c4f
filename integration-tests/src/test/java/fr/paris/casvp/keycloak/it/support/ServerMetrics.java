package fr.paris.casvp.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ops' Prometheus reads: one scrape of {@code /metrics} on the management interface,
 * in Prometheus' text format, as series (name, labels, value).
 */
public final class ServerMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Series(String name, Map<String, String> labels, double value) {
    }

    private final List<Series> series;
    private final String text;

    private ServerMetrics(List<Series> series, String text) {
        this.series = series;
        this.text = text;
    }

    public static ServerMetrics scrape(KeycloakServer server) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.managementUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static ServerMetrics parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SERIES.matcher(line.strip());
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
        }
        return new ServerMetrics(series, text);
    }

    /** Sum of the series of this name whose labels include {@code labels} (0 when none). */
    public double value(String name, Map<String, String> labels) {
        return series.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Series::value).sum();
    }

    /** Whether any series of this name is published. */
    public boolean has(String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Every label value of the series of this name, for checking what they carry. */
    public List<Map<String, String>> labelsOf(String name) {
        return series.stream().filter(s -> s.name().equals(name)).map(Series::labels).toList();
    }

    public String text() {
        return text;
    }

    /**
     * Scrapes until {@code expected} holds or {@code within} passes (mails are counted by a
     * background thread once the mail server took them), then returns the last scrape.
     */
    public static ServerMetrics awaiting(KeycloakServer server, Duration within,
                                         Predicate<ServerMetrics> expected) {
        long deadline = System.nanoTime() + within.toNanos();
        ServerMetrics last = scrape(server);
        while (!expected.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100); // polling interval of a bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = scrape(server);
        }
        return last;
    }

    /** A counter read twice: before and after what the test does. */
    public static double delta(ServerMetrics before, ServerMetrics after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
