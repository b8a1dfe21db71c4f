package fr.paris.casvp.keycloak.it.bench;

import com.icegreen.greenmail.util.GreenMail;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import fr.paris.casvp.keycloak.it.support.ItSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up time of the stock distribution against the same distribution with the
 * bundle installed, measured in one run, alternating the variants so that machine
 * noise hits both alike. Each variant is built once (not timed); each start is timed
 * from process launch to {@code /health/ready}. Run with
 * {@code mvn -Pbench-startup verify}; results in {@code target/bench/startup.txt}.
 */
public final class StartupComparison {

    private record Variant(String name, Path home, Path bundle, boolean importRealm) {
    }

    private StartupComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("casvp.bench.rounds", 5);
        Path stockHome = Paths.get(System.getProperty("casvp.bench.stockHome")).toAbsolutePath();
        Path output = Files.createDirectories(ItSettings.outputDir());
        List<Variant> variants = List.of(
                new Variant("stock Keycloak", stockHome, null, false),
                new Variant("with bundle", ItSettings.keycloakHome(), ItSettings.bundleJar(), false),
                new Variant("with bundle + casvp realm import", ItSettings.keycloakHome(), ItSettings.bundleJar(), true));

        Map<String, List<Long>> millis = new LinkedHashMap<>();
        variants.forEach(v -> millis.put(v.name(), new ArrayList<>()));
        GreenMail mail = BenchEnvironment.mailCatcher();
        try {
            for (Variant v : variants) {
                startOnce(v, mail, output).close(); // warm-up: builds the server if needed, not counted
            }
            for (int round = 0; round < rounds; round++) {
                for (Variant v : variants) {
                    try (DistributionKeycloak server = startOnce(v, mail, output)) {
                        millis.get(v.name()).add(server.startupMillis());
                    }
                }
            }
        } finally {
            mail.stop();
        }

        long stockMedian = median(millis.get(variants.get(0).name()));
        StringBuilder report = new StringBuilder(String.format("Keycloak %s start-up to /health/ready, %d rounds, "
                + "%d cores, Java %s%n", ItSettings.keycloakVersion(), rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        for (Variant v : variants) {
            List<Long> times = millis.get(v.name());
            long median = median(times);
            report.append(String.format("%-34s median %6d ms  ratio to stock %.2f  runs %s%n",
                    v.name(), median, (double) median / stockMedian, times));
        }
        System.out.print(report);
        Files.writeString(Files.createDirectories(output).resolve("startup.txt"), report);
    }

    private static DistributionKeycloak startOnce(Variant v, GreenMail mail, Path output) {
        return DistributionKeycloak.start(new DistributionKeycloak.Options(v.home(), v.bundle(),
                ItSettings.realmImportDir(), output, FreePorts.next(), FreePorts.next(), mail,
                DistributionKeycloak.randomSecret(), DistributionKeycloak.randomSecret(),
                "http://localhost:" + FreePorts.next(), v.importRealm(), Map.of()));
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
