package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads what Keycloak sent to one address, waiting a bounded time for it to arrive. */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<MimeMessage> awaitMessagesTo(GreenMail mail, String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> received = List.of(mail.getReceivedMessagesForDomain(address));
            if (received.size() >= count || System.nanoTime() > deadline) {
                return received;
            }
            // Blocks until any new message arrives (or 250 ms pass), then looks again.
            mail.waitForIncomingEmail(250, mail.getReceivedMessages().length + 1);
        }
    }

    /** Waits for a mail with this subject to this address (other mails to it are not counted). */
    public static Optional<MimeMessage> awaitSubject(GreenMail mail, String address, String subject, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (MimeMessage message : mail.getReceivedMessagesForDomain(address)) {
                try {
                    if (subject.equals(message.getSubject())) {
                        return Optional.of(message);
                    }
                } catch (jakarta.mail.MessagingException unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            mail.waitForIncomingEmail(250, mail.getReceivedMessages().length + 1);
        }
    }

    /** The HTML part of a Keycloak mail (multipart/alternative). */
    public static String htmlPart(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The plain-text part of a Keycloak mail. */
    public static String textPart(MimeMessage message) {
        return part(message, "text/plain");
    }

    private static String part(MimeMessage message, String mimeType) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return message.isMimeType(mimeType) ? text : "";
            }
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return (String) part.getContent();
                }
            }
            return "";
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }
}
