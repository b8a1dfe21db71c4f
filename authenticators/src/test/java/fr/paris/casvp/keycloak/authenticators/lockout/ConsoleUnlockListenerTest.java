package fr.paris.casvp.keycloak.authenticators.lockout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleUnlockListenerTest {

    @ParameterizedTest
    @CsvSource({
            "attack-detection/brute-force/users/4f1c-aa, 4f1c-aa",
            "attack-detection/brute-force/users/4f1c-aa/, 4f1c-aa",
            "users/4f1c-aa, 4f1c-aa"})
    void theConsolesUnlockOfOneUserLiftsThatUsersLocks(String path, String userId) {
        assertEquals(Optional.of(new ConsoleUnlockListener.Unlock(userId)),
                ConsoleUnlockListener.unlockOf(ResourceType.USER_LOGIN_FAILURE, OperationType.DELETE, path));
    }

    @Test
    void unlockAllUsersLiftsEveryLockOfTheRealm() {
        assertTrue(ConsoleUnlockListener.unlockOf(ResourceType.USER_LOGIN_FAILURE, OperationType.DELETE,
                "attack-detection/brute-force/users").orElseThrow().allUsers());
    }

    @ParameterizedTest
    @CsvSource({
            "USER_LOGIN_FAILURE, CREATE, attack-detection/brute-force/users/4f1c-aa",
            "USER, DELETE, users/4f1c-aa",
            "USER_LOGIN_FAILURE, DELETE, attack-detection/brute-force/users/4f1c-aa/extra",
            "USER_LOGIN_FAILURE, DELETE, clients/4f1c-aa"})
    void otherAdminEventsLiftNothing(ResourceType type, OperationType operation, String path) {
        assertFalse(ConsoleUnlockListener.unlockOf(type, operation, path).isPresent(), path);
    }

    @Test
    void anEventWithoutAPathLiftsNothing() {
        assertFalse(ConsoleUnlockListener.unlockOf(ResourceType.USER_LOGIN_FAILURE, OperationType.DELETE, null)
                .isPresent());
    }
}
