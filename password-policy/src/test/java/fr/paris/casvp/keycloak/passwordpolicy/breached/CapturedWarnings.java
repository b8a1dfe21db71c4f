package fr.paris.casvp.keycloak.passwordpolicy.breached;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Log lines of the breached package at WARN and above (jboss-logging writes to java.util.logging here). */
final class CapturedWarnings extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("fr.paris.casvp.keycloak.passwordpolicy.breached");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    CapturedWarnings() {
        setLevel(Level.WARNING);
        logger.addHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            lines.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
