package dev.likeness.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the web console in a browser, using the keyboard only: Tab to a control, type,
 * Enter or Space. Every page visited is checked with axe and saved as a screenshot.
 */
final class Console {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** More Tab presses than any page has controls before its last one. */
    private static final int MAX_TABS = 200;

    private final WebDriver browser;
    private final String url;

    Console(WebDriver browser, String url) {
        this.browser = browser;
        this.url = url;
    }

    WebDriver browser() {
        return browser;
    }

    /** Opens a page by its address (signing in first if the console asks), as a bookmark would. */
    void open(String path) {
        browser.get(url + path);
    }

    /** Keycloak's login page: user name, password, Enter. */
    void signIn(String username) {
        sendCredentials(username);
        waitFor(By.id("main"));
    }

    /** The same without waiting to be let in, for a sign-in that is refused. */
    void sendCredentials(String username) {
        open("/");
        WebElement name = waitFor(By.id("username"));
        name.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(username, Keys.ENTER);
    }

    void signOut() {
        press(By.cssSelector("form[action='/sign-out'] button"), Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/signed-out"));
    }

    /** Checks the page as it is now with axe (no serious or critical violation) and keeps a screenshot. */
    void check(String name) {
        Accessibility.assertAccessible(browser);
        Screenshots.save(browser, name);
    }

    /** Tabs until the element has the focus, then sends the keys (Enter, Space, text, arrows). */
    void press(By target, CharSequence... keys) {
        WebElement element = waitFor(target);
        focus(element);
        new Actions(browser).sendKeys(keys).perform();
    }

    void type(By field, String text) {
        press(field, text);
    }

    void focus(WebElement element) {
        Actions actions = new Actions(browser);
        for (int i = 0; i < MAX_TABS; i++) {
            if (element.equals(browser.switchTo().activeElement())) {
                return;
            }
            actions.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("the keyboard never reached " + element + " on " + browser.getCurrentUrl()
                + " within " + MAX_TABS + " Tab presses");
    }

    /** What following the link to {@code path} downloads, fetched with this browser's session cookies. */
    byte[] download(String path) throws IOException, InterruptedException {
        String cookies = browser.manage().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new AssertionError(path + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    WebElement waitFor(By target) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(target));
    }

    void waitForText(By target, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(target, text));
    }

    List<WebElement> all(By target) {
        return browser.findElements(target);
    }

    String text(By target) {
        return waitFor(target).getText();
    }
}
