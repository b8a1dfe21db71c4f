package fr.paris.casvp.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;

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
}
