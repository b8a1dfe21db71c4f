package fr.paris.casvp.keycloak.authenticators.browser;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.device.DeviceRepresentationProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.account.DeviceRepresentation;

import java.util.List;
import java.util.Map;

/**
 * Tells agents whose browser is too old for the webmail which browsers are supported:
 * a warning page with a "continue" button, or (when the admin chose to block) a page
 * that stops there. The browser comes from Keycloak's own User-Agent parsing.
 */
final class OutdatedBrowserCheck implements SimpleStep {

    private static final Logger LOG = Logger.getLogger(OutdatedBrowserCheck.class);

    static final String PAGE = "casvp-outdated-browser.ftl";
    static final String CONTINUE = "continue";
    static final String EVENT_DETAIL = "casvp_outdated_browser";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        OutdatedBrowserConfig config = OutdatedBrowserConfig.of(context.getAuthenticatorConfig());
        MinimumBrowserVersions minimums = config.minimumVersions();
        if (!minimums.ignored().isEmpty()) {
            LOG.warnf("casvp-outdated-browser: ignoring minimum-version entries that are not Family=number: %s",
                    minimums.ignored());
        }
        MinimumBrowserVersions.Outdated outdated = minimums.outdated(browser(context.getSession()));
        if (outdated == null) {
            context.success();
            return;
        }
        context.getEvent().detail(EVENT_DETAIL, outdated.family() + "/" + outdated.version());
        if (config.block()) {
            context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED,
                    page(context, outdated, minimums, false, Response.Status.FORBIDDEN));
        } else {
            context.challenge(page(context, outdated, minimums, true, Response.Status.OK));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        OutdatedBrowserConfig config = OutdatedBrowserConfig.of(context.getAuthenticatorConfig());
        boolean wantsToContinue = context.getHttpRequest().getDecodedFormParameters().containsKey(CONTINUE);
        if (wantsToContinue && !config.block()) {
            context.success();
            return;
        }
        authenticate(context);
    }

    private static String browser(KeycloakSession session) {
        DeviceRepresentationProvider devices = session.getProvider(DeviceRepresentationProvider.class);
        DeviceRepresentation device = devices == null ? null : devices.deviceRepresentation();
        return device == null ? null : device.getBrowser();
    }

    private static Response page(AuthenticationFlowContext context, MinimumBrowserVersions.Outdated outdated,
                                 MinimumBrowserVersions minimums, boolean canContinue, Response.Status status) {
        List<String> supported = minimums.minimums().entrySet().stream()
                .map((Map.Entry<String, Integer> e) -> e.getKey() + " " + e.getValue())
                .toList();
        LoginFormsProvider form = context.form()
                .setAttribute("casvpBrowser", outdated.family() + " " + outdated.version())
                .setAttribute("casvpMinimum", outdated.minimum())
                .setAttribute("casvpSupportedBrowsers", supported)
                .setAttribute("casvpCanContinue", canContinue);
        form.setStatus(status);
        return form.createForm(PAGE);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
