package fr.paris.casvp.keycloak.it.support;

import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * Waits for the page that a key or a click leads to. The page being left is marked first, so
 * an element that every page has (the footer's alerts) or the old page still on screen is
 * never taken for the next one; while the pages change, Chromium's errors about nodes that
 * are gone are waited out.
 */
public final class NextPage {

    private NextPage() {
    }

    public static void after(ChromeDriver chromium, Duration timeout, Runnable leave) {
        chromium.executeScript("window.casvpLeaving = true;");
        leave.run();
        new WebDriverWait(chromium, timeout).ignoring(WebDriverException.class).until(driver -> Boolean.TRUE.equals(
                chromium.executeScript("return window.casvpLeaving === undefined && document.readyState === 'complete';")));
    }
}
