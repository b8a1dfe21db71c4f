package fr.paris.casvp.keycloak.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Gives a test method a fresh headless Chromium ({@link Browsers#chromium()}: skipped, or
 * failed under CI, when it is not installed) and quits it when the method ends, passed or not.
 */
public final class ChromiumExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChromeDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("chromium", key -> new Opened(Browsers.chromium()),
                Opened.class).driver();
    }

    /** Quit by JUnit when the test method's store closes. */
    private record Opened(ChromeDriver driver) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            driver.quit();
        }
    }
}
