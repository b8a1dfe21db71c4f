package fr.paris.casvp.keycloak.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * An agent without a mouse: keys go to whatever has the focus, as the keyboard sends them,
 * never to an element picked by the test.
 */
public final class Keyboard {

    private static final int MOST_TABS = 40;

    private final ChromeDriver chromium;

    public Keyboard(ChromeDriver chromium) {
        this.chromium = chromium;
    }

    /** Tab (at most 40 times) until the element with this id has the focus. */
    public Keyboard tabTo(String id) {
        return tabTo(By.id(id));
    }

    /** Tab (at most 40 times) until the first element this locator finds has the focus. */
    public Keyboard tabTo(By target) {
        WebElement wanted = chromium.findElement(target);
        for (int tab = 0; tab < MOST_TABS; tab++) {
            if (wanted.equals(chromium.switchTo().activeElement())) {
                return this;
            }
            press(Keys.TAB);
        }
        throw new AssertionError(target + " cannot be reached with Tab");
    }

    /** Types into the focused element. */
    public Keyboard type(CharSequence text) {
        new Actions(chromium).sendKeys(text).perform();
        return this;
    }

    /** Enter, Space, an arrow…, on the focused element. */
    public Keyboard press(Keys key) {
        new Actions(chromium).sendKeys(key).perform();
        return this;
    }
}
