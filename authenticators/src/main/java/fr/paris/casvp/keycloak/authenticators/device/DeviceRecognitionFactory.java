package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;

/**
 * {@code casvp-device-recognition}: remembers the agent's browsers and networks and mails
 * an alert with a "this wasn't me" link for a new device or an unusual network. Place it
 * last in the sign-in forms, after the second factor.
 */
public final class DeviceRecognitionFactory extends StepFactory {

    public static final String ID = "casvp-device-recognition";

    public DeviceRecognitionFactory() {
        super(ID, new DeviceRecognition(), "CASVP: device recognition and new-device alert",
                "Remembers the browsers and networks each agent signs in from and mails an alert, with a "
                        + "\"this wasn't me\" link, for a new device or an unusual network. Put it after the second "
                        + "factor.", DeviceRecognitionConfig.SETTINGS);
    }

    @Override
    public String getReferenceCategory() {
        return "casvp-device";
    }
}
