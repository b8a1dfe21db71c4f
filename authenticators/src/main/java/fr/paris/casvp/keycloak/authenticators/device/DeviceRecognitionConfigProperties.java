package fr.paris.casvp.keycloak.authenticators.device;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** The admin-console form of the {@code casvp-device-recognition} step. */
final class DeviceRecognitionConfigProperties {

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(DeviceRecognitionConfig.ALERT_NEW_DEVICE)
            .label("Alert on a new device")
            .helpText("Mail the agent when they sign in from a browser not seen before (never for their very first one).")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .property()
            .name(DeviceRecognitionConfig.ALERT_UNUSUAL_NETWORK)
            .label("Alert on an unusual network")
            .helpText("Mail the agent when they sign in from a network (/24 IPv4, /48 IPv6) not used recently "
                    + "and outside the realm's trusted networks (Authentication > Required actions > CASVP trusted "
                    + "networks).")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .property()
            .name(DeviceRecognitionConfig.RECENT_NETWORK_DAYS)
            .label("Recent network (days)")
            .helpText("A network used within this many days counts as usual.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DeviceRecognitionConfig.DEFAULT_RECENT_NETWORK_DAYS))
            .add()
            .property()
            .name(DeviceRecognitionConfig.FORGET_AFTER_DAYS)
            .label("Forget idle devices after (days)")
            .helpText("Devices and networks not seen for this many days are forgotten by a daily cleanup.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DeviceRecognitionConfig.DEFAULT_FORGET_AFTER_DAYS))
            .add()
            .property()
            .name(DeviceRecognitionConfig.SECONDARY_ADDRESS_ATTRIBUTE)
            .label("Secondary address attribute")
            .helpText("User attribute holding the agent's recovery address; alerts go there too.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(DeviceRecognitionConfig.DEFAULT_SECONDARY_ADDRESS_ATTRIBUTE)
            .add()
            .property()
            .name(DeviceRecognitionConfig.NOT_ME_LINK_DAYS)
            .label("\"This wasn't me\" link lifetime (days)")
            .helpText("How long the link in an alert works. It works once.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DeviceRecognitionConfig.DEFAULT_NOT_ME_LINK_DAYS))
            .add()
            .property()
            .name(DeviceRecognitionConfig.SECURITY_CONTACT)
            .label("Security contact address")
            .helpText("Told by mail when an agent uses \"this wasn't me\". Empty: nobody.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .build();

    private DeviceRecognitionConfigProperties() {
    }
}
