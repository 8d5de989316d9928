package dev.likeness.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package's axe.min.js, from its webjar on the test classpath) run in the page
 * the browser shows. Only serious and critical violations count: each with its rule, what to fix
 * and the elements, so a failed assertion says what to change and where.
 */
final class Accessibility {

    private static final String AXE = axeSource();

    /**
     * Runs axe in the whole document and hands back, as plain values, the violations that count;
     * axe's advice on an element ("Fix any of the following:", then one line each) on one line.
     */
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
                .then(results => done(results.violations
                    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
                    .map(violation => ({
                        rule: violation.id, impact: violation.impact, help: violation.help, helpUrl: violation.helpUrl,
                        nodes: violation.nodes.map(node => ({
                            target: node.target.flat(Infinity).join(' '),
                            failure: (node.failureSummary || '').split('\\n').map(line => line.trim()).filter(line => line)
                                .join('; ').replace(/:; /g, ': ')}))}))))
                .catch(error => done('axe failed: ' + error));
            """;

    /** One rule broken by some elements of the page. */
    record Violation(String rule, String impact, String help, String helpUrl, List<Node> nodes) {

        @Override
        public String toString() {
            return impact + " " + rule + ": " + help + " (" + helpUrl + ")"
                    + nodes.stream().map(node -> "\n    " + node.target() + ": " + node.failure()).collect(joining());
        }
    }

    /** An element, by CSS selector, and axe's advice on it. */
    record Node(String target, String failure) {
    }

    private Accessibility() {
    }

    /** The serious and critical violations of the current page; minor and moderate ones are left to review. */
    @SuppressWarnings("unchecked")
    static List<Violation> seriousViolations(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        // Once per document: a navigation drops it.
        if (Boolean.TRUE.equals(page.executeScript("return typeof axe === 'undefined'"))) {
            page.executeScript(AXE);
        }
        Object result = page.executeAsyncScript(RUN);
        if (!(result instanceof List)) {
            throw new IllegalStateException(String.valueOf(result));
        }
        return ((List<Map<String, Object>>) result).stream().map(Accessibility::violation).toList();
    }

    /** Fails, listing each violation and its elements, when the current page has a serious or critical one. */
    static void assertAccessible(WebDriver driver) {
        List<Violation> violations = seriousViolations(driver);
        if (!violations.isEmpty()) {
            throw new AssertionError(driver.getCurrentUrl() + " has " + violations.size()
                    + " serious or critical accessibility violations (axe-core):\n"
                    + violations.stream().map(Violation::toString).collect(joining("\n")));
        }
    }

    @SuppressWarnings("unchecked")
    private static Violation violation(Map<String, Object> value) {
        List<Node> nodes = ((List<Map<String, Object>>) value.get("nodes")).stream()
                .map(node -> new Node((String) node.get("target"), (String) node.get("failure")))
                .toList();
        return new Violation((String) value.get("rule"), (String) value.get("impact"), (String) value.get("help"),
                (String) value.get("helpUrl"), nodes);
    }

    /** The webjar's own pom.properties names its version, and so the folder of its files. */
    private static String axeSource() {
        try {
            Properties webjar = new Properties();
            try (InputStream in = resource("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                webjar.load(in);
            }
            try (InputStream in = resource("META-INF/resources/webjars/axe-core/" + webjar.getProperty("version") + "/axe.min.js")) {
                return new String(in.readAllBytes(), UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath: the test dependency org.webjars.npm:axe-core is missing");
        }
        return in;
    }
}
