package fr.paris.casvp.keycloak.authenticators.support;

/**
 * The bundle's own keys and values in Keycloak's stored events (docs/events.md), in one place:
 * the steps that write them and the agent's security activity that reads them back must spell
 * them alike.
 */
public final class EventDetails {

    /** What the bundle did or saw ({@code casvp_event=…}). */
    public static final String CASVP_EVENT = "casvp_event";
    /** The lockout's part in a sign-in failure ({@code casvp_lockout=…}). */
    public static final String LOCKOUT = "casvp_lockout";
    /** {@link #LOCKOUT}: the try was refused because this browser scope is locked. */
    public static final String LOCKOUT_BLOCKED = "blocked";
    /** {@link #CASVP_EVENT}: the recovery-address action confirmed a new address. */
    public static final String RECOVERY_ADDRESS_VERIFIED = "recovery_address_verified";

    private EventDetails() {
    }
}
