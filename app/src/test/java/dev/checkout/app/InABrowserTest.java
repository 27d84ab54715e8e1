package dev.checkout.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** An end-to-end test in one headless Chromium per class, each test starting as a new, signed-out visitor. */
abstract class InABrowserTest extends EndToEndTest {

    static Browser browser;
    static BrowserSteps steps;

    @BeforeEach
    void aFreshVisitor() {
        if (browser == null) {
            browser = Browser.at(port);
            steps = new BrowserSteps(browser);
        }
        browser.forgetVisitor();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
