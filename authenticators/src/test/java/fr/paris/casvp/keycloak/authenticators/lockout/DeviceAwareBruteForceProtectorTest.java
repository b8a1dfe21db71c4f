package fr.paris.casvp.keycloak.authenticators.lockout;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviceAwareBruteForceProtectorTest {

    @ParameterizedTest
    @CsvSource({
            "/admin/realms/casvp/attack-detection/brute-force/users/4f1c, true",
            "admin/realms/casvp/users/4f1c, true",
            "/admin/realms/casvp/ui-ext/brute-force-user, true",
            "/realms/casvp/login-actions/authenticate, false",
            "/realms/casvp/protocol/openid-connect/token, false",
            "/realms/admin/realms/casvp, false",
            "/admin/master/console/, false"})
    void onlyTheAdminApiIsAskedAboutEveryBrowserOfTheAgent(String path, boolean admin) {
        assertEquals(admin, DeviceAwareBruteForceProtector.isAdminApiPath(path), path);
    }
}
