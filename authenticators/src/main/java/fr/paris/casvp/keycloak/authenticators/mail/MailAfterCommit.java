package fr.paris.casvp.keycloak.authenticators.mail;

import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the bundle's mails once the request's transaction has committed, on Keycloak's
 * {@code casvp-mail} executor: a slow or absent SMTP server never delays or fails the
 * request that asked for the mail. Each mail is tried a bounded number of times and its
 * outcome is recorded as a Keycloak event ({@code CUSTOM_REQUIRED_ACTION} or its error,
 * detail {@code casvp_event}), so a SIEM sees alerts that could not be sent.
 */
public final class MailAfterCommit {

    public static final String EXECUTOR = "casvp-mail";
    public static final String EVENT_DETAIL = EventDetails.CASVP_EVENT;

    private static final Logger LOG = Logger.getLogger(MailAfterCommit.class);
    private static final int ATTEMPTS = 3;
    /**
     * Mails waiting on this node beyond which new ones are dropped (and recorded as failed):
     * a mail relay that stalls must not make alerts pile up in memory without bound.
     */
    static final int MAX_PENDING = 1000;
    /** This node's own queue length: local back-pressure, not state shared with other nodes. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    static {
        CasvpMetrics.mailsPending(PENDING::get);
    }
    private static final long[] BACKOFF_MILLIS = {2_000, 10_000};

    /**
     * One mail to send.
     *
     * @param kind       what the mail is, for events and logs ({@code new_device_alert})
     * @param address    where to send it; {@code null} for the account address
     * @param attributes template values: strings and numbers only, copied before the request ends
     */
    public record Mail(String kind, String realmId, String userId, String address, String subjectKey,
                       List<Object> subjectParameters, String template, Map<String, Object> attributes) {
        public Mail {
            subjectParameters = List.copyOf(subjectParameters);
            attributes = Map.copyOf(attributes);
        }
    }

    private MailAfterCommit() {
    }

    /** Queues the mails; they leave only if the current transaction commits. */
    public static void sendAfterCommit(KeycloakSession session, List<Mail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorsProvider executors = session.getProvider(ExecutorsProvider.class);
        // read while the request still holds its realm: the meters' tag
        List<String> realmNames = mails.stream().map(mail -> realmName(session, mail.realmId())).toList();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                for (int i = 0; i < mails.size(); i++) {
                    Mail mail = mails.get(i);
                    String realmName = realmNames.get(i);
                    if (PENDING.incrementAndGet() > MAX_PENDING) {
                        PENDING.decrementAndGet();
                        LOG.warnf("casvp: %s mail dropped, %d mails already wait for the mail server", mail.kind(),
                                MAX_PENDING);
                        recordOutcome(factory, mail, "queue full");
                        CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.DROPPED);
                        continue;
                    }
                    try {
                        executors.getExecutor(EXECUTOR).execute(() -> {
                            try {
                                deliver(factory, mail, realmName);
                            } finally {
                                PENDING.decrementAndGet();
                            }
                        });
                        CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.QUEUED);
                    } catch (RejectedExecutionException shuttingDown) {
                        PENDING.decrementAndGet();
                        LOG.warnf("casvp: %s mail not sent, the server is shutting down", mail.kind());
                        CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.DROPPED);
                    }
                }
            }

            @Override
            protected void rollbackImpl() {
                // the request failed: nothing happened that needs a mail
            }
        });
    }

    static void deliver(KeycloakSessionFactory factory, Mail mail, String realmName) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String failure = attemptOnce(factory, mail);
            if (failure == null) {
                CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.SENT);
                recordOutcome(factory, mail, null);
                return;
            }
            if (attempt == ATTEMPTS) {
                LOG.warnf("casvp: %s mail not sent after %d attempts: %s", mail.kind(), ATTEMPTS, failure);
                CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.FAILED);
                recordOutcome(factory, mail, failure);
                return;
            }
            try {
                Thread.sleep(BACKOFF_MILLIS[attempt - 1]);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                CasvpMetrics.mail(realmName, mail.kind(), CasvpMetrics.MailOutcome.FAILED);
                recordOutcome(factory, mail, "interrupted");
                return;
            }
        }
    }

    /** The realm's name for the meters, read while the request still holds it. */
    private static String realmName(KeycloakSession session, String realmId) {
        RealmModel current = session.getContext().getRealm();
        if (current != null && current.getId().equals(realmId)) {
            return current.getName();
        }
        RealmModel realm = session.realms().getRealm(realmId);
        return realm == null ? null : realm.getName();
    }

    /** @return null when sent, else why not (no address, no secret in it) */
    private static String attemptOnce(KeycloakSessionFactory factory, Mail mail) {
        String[] failure = {null};
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(mail.realmId());
                if (realm == null) {
                    failure[0] = "realm no longer exists";
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel user = session.users().getUserById(realm, mail.userId());
                if (user == null) {
                    failure[0] = "user no longer exists";
                    return;
                }
                Map<String, Object> attributes = new HashMap<>(mail.attributes());
                attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, "true");
                try {
                    session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                            .send(mail.subjectKey(), mail.subjectParameters(), mail.template(), attributes, mail.address());
                } catch (EmailException e) {
                    failure[0] = describe(e);
                }
            });
        } catch (RuntimeException e) {
            failure[0] = describe(e);
        }
        return failure[0];
    }

    /**
     * Why a mail failed, for logs and events. The message is kept only for network and
     * SMTP errors ("Connection refused", "Read timed out"); other exceptions (templates)
     * may quote values such as the "this wasn't me" link, which is a secret.
     */
    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean transport = root instanceof java.io.IOException || root.getClass().getName().startsWith("jakarta.mail.");
        String message = transport && root.getMessage() != null ? ": " + root.getMessage() : "";
        return root.getClass().getSimpleName() + (message.length() > 200 ? message.substring(0, 200) : message);
    }

    private static void recordOutcome(KeycloakSessionFactory factory, Mail mail, String failure) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(mail.realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                EventBuilder event = new EventBuilder(realm, session)
                        .event(EventType.CUSTOM_REQUIRED_ACTION)
                        .user(mail.userId())
                        .detail(EVENT_DETAIL, mail.kind() + (failure == null ? "_sent" : "_failed"))
                        .detail("recipient", mail.address() == null ? "account" : "secondary");
                if (failure == null) {
                    event.success();
                } else {
                    event.detail("reason", failure).error("casvp_mail_failed");
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("casvp: could not record the outcome of a %s mail: %s", mail.kind(), describe(e));
        }
    }
}
