package fr.paris.casvp.keycloak.it.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * axe-core's WCAG 2.1 A/AA rules on the page Chromium shows: no serious or critical
 * violation, no sideways scrolling; the rest is written to {@code target/it/axe/<page>-<width>.txt}.
 */
public final class Axe {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** The deepest elements whose right edge is past the window's, to say what makes a page scroll sideways. */
    private static final String PAST_THE_EDGE = """
            const past = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1));
            return past.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')
                + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')').join(', ');
            """;

    private Axe() {
    }

    /** At the window's current width. */
    public static void check(ChromeDriver chromium, String page) throws Exception {
        check(chromium, page, chromium.manage().window().getSize().getWidth());
    }

    /** axe with no serious or critical violation, no horizontal scrolling, the rest written down. */
    public static void check(ChromeDriver chromium, String page, int width) throws Exception {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(chromium);
        Map<Boolean, List<Rule>> bySeverity = results.getViolations().stream()
                .collect(Collectors.partitioningBy(rule -> "serious".equals(rule.getImpact())
                        || "critical".equals(rule.getImpact())));
        Path reports = Files.createDirectories(ItSettings.outputDir().resolve("axe"));
        Files.writeString(reports.resolve(page + "-" + width + ".txt"), "axe-core " + results.getTestEngine().getVersion()
                + " on " + results.getUrl() + ": " + results.getPasses().size() + " rules passed, "
                + bySeverity.get(false).size() + " minor or moderate violation(s)\n" + describe(bySeverity.get(false)) + "\n");
        assertTrue(results.getPasses().size() > 10, "axe ran on " + page + ": " + results.getPasses().size() + " rules");
        assertEquals("", describe(bySeverity.get(true)), page + " at " + width + " px");
        Object scrollWidth = chromium.executeScript("return document.documentElement.scrollWidth;");
        Object viewport = chromium.executeScript("return window.innerWidth;");
        if (((Number) scrollWidth).longValue() > ((Number) viewport).longValue()) {
            throw new AssertionError(page + " at " + width + " px scrolls sideways: " + scrollWidth + " > " + viewport
                    + "; the innermost elements past the edge: " + chromium.executeScript(PAST_THE_EDGE));
        }
        if (width == 320) {
            Screenshots.save(chromium, "a11y-" + page + "-320");
        }
    }

    private static String describe(List<Rule> rules) {
        return rules.stream().map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " ("
                        + rule.getNodes().size() + " element(s): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("\n"));
    }
}
