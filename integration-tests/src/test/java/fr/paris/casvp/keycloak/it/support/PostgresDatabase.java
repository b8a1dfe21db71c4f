package fr.paris.casvp.keycloak.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one Keycloak, on the server this machine kind
 * runs (127.0.0.1:5432, user {@code postgres}, trust authentication; override with
 * {@code -Dcasvp.it.pg.url=jdbc:postgresql://host:port/ -Dcasvp.it.pg.user=… -Dcasvp.it.pg.password=…}).
 * Dropped again on {@link #close()}.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER_URL = System.getProperty("casvp.it.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("casvp.it.pg.user", "postgres");
    private static final String PASSWORD = System.getProperty("casvp.it.pg.password", "postgres");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Whether a PostgreSQL server answers with these settings. */
    public static boolean available() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public static PostgresDatabase create() {
        String name = "casvp_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a PostgreSQL database at " + SERVER_URL + ": " + e.getMessage(), e);
        }
        return new PostgresDatabase(name);
    }

    /** What Keycloak reads to use this database ({@code KC_DB=postgres} also selects the build). */
    public Map<String, String> keycloakEnvironment() {
        return Map.of("KC_DB", "postgres", "KC_DB_URL", SERVER_URL + name, "KC_DB_USERNAME", USER,
                "KC_DB_PASSWORD", PASSWORD);
    }

    /** A connection to this database, for tests that look at or age rows directly. */
    public Connection connection() throws SQLException {
        return connect(name);
    }

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(SERVER_URL + database, properties);
    }

    @Override
    public void close() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
