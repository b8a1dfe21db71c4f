package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts one Keycloak (and one GreenMail) for the whole test run, on free ports, and
 * stops both when the run ends. Test classes declare
 * {@code @ExtendWith(CasvpKeycloakExtension.class)} and take a {@link KeycloakServer}
 * parameter.
 */
public final class CasvpKeycloakExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CasvpKeycloakExtension.class);

    /**
     * In Testcontainers mode without a Docker engine every test is reported as
     * skipped, with the reason, instead of failing or silently vanishing.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() && "testcontainers".equals(ItSettings.target())
                && !ContainerKeycloak.dockerAvailable()) {
            return ConditionEvaluationResult.disabled(
                    "casvp.it.target=testcontainers needs a Docker engine; none is reachable");
        }
        if (context.getTestMethod().isPresent() && postgresMissing()) {
            return ConditionEvaluationResult.disabled(
                    "casvp.it.db=postgres needs a PostgreSQL server at 127.0.0.1:5432; none answers");
        }
        return ConditionEvaluationResult.enabled("Keycloak target: " + ItSettings.target());
    }

    /** Without PostgreSQL the PostgreSQL run is skipped on a laptop, but fails in CI, which has it. */
    private static boolean postgresMissing() {
        return "postgres".equals(ItSettings.database()) && !ItSettings.servicesRequired() && !PostgresDatabase.available();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if ("testcontainers".equals(ItSettings.target()) && !ContainerKeycloak.dockerAvailable()) {
            return; // every test of the class is disabled by evaluateExecutionCondition
        }
        if (postgresMissing()) {
            return;
        }
        server(context);
    }

    /** Test methods take the server, and the range API its breached-password policy asks. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == BreachRangeServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        StoppingTogether running = server(context);
        return parameter.getParameter().getType() == BreachRangeServer.class ? running.breachRange() : running;
    }

    private static StoppingTogether server(ExtensionContext context) {
        String target = ItSettings.target();
        if (!"testcontainers".equals(target) && !"distribution".equals(target)) {
            throw new IllegalArgumentException("casvp.it.target must be distribution or testcontainers, not " + target);
        }
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(StoppingTogether.class, key -> start(target), StoppingTogether.class);
    }

    private static StoppingTogether start(String target) {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(),
                "testcontainers".equals(target) ? "0.0.0.0" : InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        BreachRangeServer breachRange = null;
        PostgresDatabase database = null;
        try {
            breachRange = new BreachRangeServer();
            if ("testcontainers".equals(target)) {
                KeycloakServer container = ContainerKeycloak.start(mail, breachRange);
                RealmSettings.recoveryAddressPrompt(container.admin(), false);
                return new StoppingTogether(container, mail, breachRange, null);
            }
            Map<String, String> environment = new HashMap<>(Map.of("CASVP_BREACHED_URL", breachRange.url()));
            if ("postgres".equals(ItSettings.database())) {
                database = PostgresDatabase.create();
                environment.putAll(database.keycloakEnvironment());
            }
            KeycloakServer server = DistributionKeycloak.start(DistributionKeycloak.Options.forTests(mail, environment));
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
            return new StoppingTogether(server, mail, breachRange, database);
        } catch (IOException e) {
            mail.stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            mail.stop();
            if (breachRange != null) {
                breachRange.close();
            }
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /** Stops Keycloak, then the mail catcher, when JUnit closes the root store. */
    private record StoppingTogether(KeycloakServer server, GreenMail mail, BreachRangeServer breachRange,
                                    PostgresDatabase database) implements KeycloakServer {
        @Override public String baseUrl() { return server.baseUrl(); }
        @Override public String managementUrl() { return server.managementUrl(); }
        @Override public org.keycloak.admin.client.Keycloak admin() { return server.admin(); }
        @Override public GreenMail mail() { return mail; }
        @Override public String webmailSecret() { return server.webmailSecret(); }
        @Override public String webmailRedirectUri() { return server.webmailRedirectUri(); }
        @Override public String serverLog() { return server.serverLog(); }
        @Override public long startupMillis() { return server.startupMillis(); }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                mail.stop();
                breachRange.close();
                if (database != null) {
                    database.close();
                }
            }
        }
    }
}
