package fr.paris.casvp.keycloak.authenticators.metrics;

import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What ops read on {@code /metrics}: the meters' names, tags and counts. */
class CasvpMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RealmModel casvp = realmNamed("casvp");

    @BeforeEach
    void listen() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void stopListening() {
        Metrics.removeRegistry(registry);
        Metrics.globalRegistry.clear();
    }

    @Test
    void aSignInIsCountedUnderItsRealmAndDeviceVerdict() {
        CasvpMetrics.signIn(casvp, CasvpMetrics.Verdict.of(false, false, false));
        CasvpMetrics.signIn(casvp, CasvpMetrics.Verdict.of(false, true, false));
        CasvpMetrics.signIn(casvp, CasvpMetrics.Verdict.of(false, true, false));

        assertEquals(1, count(CasvpMetrics.SIGN_INS, "verdict", "new_device"));
        assertEquals(2, count(CasvpMetrics.SIGN_INS, "verdict", "known_device"));
    }

    @Test
    void verdictsNameWhatTheAlertSays() {
        assertEquals(CasvpMetrics.Verdict.FIRST_DEVICE, CasvpMetrics.Verdict.of(true, false, true));
        assertEquals(CasvpMetrics.Verdict.KNOWN_DEVICE, CasvpMetrics.Verdict.of(false, true, false));
        assertEquals(CasvpMetrics.Verdict.UNUSUAL_NETWORK, CasvpMetrics.Verdict.of(false, true, true));
        assertEquals(CasvpMetrics.Verdict.NEW_DEVICE, CasvpMetrics.Verdict.of(false, false, false));
        assertEquals(CasvpMetrics.Verdict.NEW_DEVICE_UNUSUAL_NETWORK, CasvpMetrics.Verdict.of(false, false, true));
    }

    @Test
    void aLastWrongTryIsAWrongCodeAndATryWithNoCodeWaitingCountsNothing() {
        CasvpMetrics.codeChecked(casvp, CasvpMetrics.CodePurpose.SIGN_IN, OneTimeCode.Outcome.WRONG);
        CasvpMetrics.codeChecked(casvp, CasvpMetrics.CodePurpose.SIGN_IN, OneTimeCode.Outcome.WRONG_LAST);
        CasvpMetrics.codeChecked(casvp, CasvpMetrics.CodePurpose.SIGN_IN, OneTimeCode.Outcome.NONE);

        assertEquals(2, registry.get(CasvpMetrics.CODES).tag("purpose", "sign_in").tag("outcome", "wrong")
                .counter().count());
        assertEquals(1, registry.find(CasvpMetrics.CODES).counters().size(), "no other series");
    }

    @Test
    void locksAreToldApartByTheBrowsersTheyKeepOut() {
        CasvpMetrics.lockBegan(casvp, false);
        CasvpMetrics.lockBegan(casvp, false);
        CasvpMetrics.lockBegan(casvp, true);

        assertEquals(2, count(CasvpMetrics.LOCKS, "scope", "unknown_browsers"));
        assertEquals(1, count(CasvpMetrics.LOCKS, "scope", "known_browser"));
    }

    @Test
    void mailsAreCountedByKindAndOutcomeAndThePendingGaugeReadsTheQueue() {
        AtomicInteger pending = new AtomicInteger(3);
        CasvpMetrics.mailsPending(pending::get);
        CasvpMetrics.mail("casvp", "new_device_alert", CasvpMetrics.MailOutcome.QUEUED);
        CasvpMetrics.mail(null, "lockout_notice", CasvpMetrics.MailOutcome.FAILED);

        assertEquals(1, registry.get(CasvpMetrics.MAILS).tags("realm", "casvp", "kind", "new_device_alert",
                "outcome", "queued").counter().count());
        assertEquals(1, registry.get(CasvpMetrics.MAILS).tags("realm", "unknown", "outcome", "failed").counter().count());
        assertEquals(3, registry.get(CasvpMetrics.MAILS_PENDING).gauge().value());
        pending.set(0);
        assertEquals(0, registry.get(CasvpMetrics.MAILS_PENDING).gauge().value());
    }

    @Test
    void noTagCarriesWhoSignedIn() {
        CasvpMetrics.signIn(casvp, CasvpMetrics.Verdict.NEW_DEVICE);
        CasvpMetrics.sourceThrottled(casvp);
        registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag ->
                assertNull(tag.getKey().matches("user.*|address|ip|device_id") ? tag : null, meter.getId().toString())));
    }

    private double count(String name, String key, String value) {
        return registry.get(name).tag("realm", "casvp").tag(key, value).counter().count();
    }

    private static RealmModel realmNamed(String name) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getId" -> "id-" + name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
