package fr.paris.casvp.keycloak.authenticators.grant;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;

/**
 * {@code casvp-password-grant-refusal}: the only step of the realm's direct-grant flow. No
 * client of the realm then turns a password into a token without the browser flow's
 * controls (trusted networks, lockout, spraying limit, second factor).
 */
public final class PasswordGrantRefusalFactory extends StepFactory {

    public static final String ID = "casvp-password-grant-refusal";

    public PasswordGrantRefusalFactory() {
        super(ID, new PasswordGrantRefusal(), "CASVP: refuse password grants",
                "Bind a flow holding only this step as the realm's direct grant flow: the token endpoint's password "
                        + "grant then answers unauthorized_client on every client, without looking at the identifier "
                        + "or the password, so that no password opens a token past the browser flow's lockout, "
                        + "trusted networks and second factor.", null);
    }
}
