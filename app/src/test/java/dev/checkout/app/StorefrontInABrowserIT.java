package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A customer in a real (headless) Chromium: is offered completions while typing a search, finds a product with a typo
 * in the search, puts it in the cart, registers, checks out in two steps and pays; a card that works ends CONFIRMED with the saga's steps on the order page, a
 * declined one shows why. Each step leaves a screenshot in {@code target/screenshots/}.
 */
class StorefrontInABrowserIT extends InABrowserTest {

    @Test
    void aCustomerFindsAProductDespiteATypoBuysItWithACardThatWorksAndSeesTheOrderConfirmedWithItsSteps() {
        String word = uniqueWord();
        String name = "Espresso Grinder " + word;
        fixtures.productWithStock(name, "24.00", 5);

        // The storefront lists the newest products; the search index follows the catalogue within seconds.
        Awaitility.await("the storefront lists " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> browser.open("/").shows(By.linkText(name)));
        browser.screenshot("01-storefront");

        Awaitility.await("a search with a typo finds " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    browser.open("/").type(By.name("q"), "espreso " + word).click(By.cssSelector("form.search button"));
                    browser.until(d -> browser.path().contains("q="));
                    return browser.shows(By.linkText(name));
                });
        assertThat(browser.text(By.tagName("h1"))).contains("espreso " + word);
        browser.screenshot("02-search-with-a-typo");

        browser.click(By.linkText(name));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(name);
        browser.screenshot("03-product");

        placeAnOrderFromTheProductPage("tok_visa");
        browser.untilTextIs(By.id("order-status"), "CONFIRMED");
        assertThat(browser.text(By.id("saga-steps"))).contains("reserve_stock", "charge_payment", "confirm_stock", "confirm_order")
                .doesNotContain("FAILED");
        browser.screenshot("06-order-confirmed");
    }

    @Test
    void aDeclinedCardShowsTheCustomerWhyTheOrderWasNotPlaced() {
        String name = "Travel Kettle " + uniqueWord();
        String product = fixtures.productWithStock(name, "18.00", 5);

        browser.open("/products/" + product);
        placeAnOrderFromTheProductPage("tok_chargeDeclined");
        browser.untilTextIs(By.id("order-status"), "FAILED");
        assertThat(browser.text(By.id("failure-reason"))).contains("payment_declined");
        browser.screenshot("07-order-declined");
    }

    @Test
    void theSearchBoxSuggestsCompletionsOfTheWordBeingTyped() {
        String word = uniqueWord().toLowerCase();
        fixtures.productWithStock("Pour-Over " + word + " Kettle", "30.00", 3);
        String typed = word.substring(0, 5);

        // The suggestions follow the catalogue within seconds: until they do, the box offers other completions.
        Awaitility.await("the search box suggests " + word).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    browser.open("/").type(By.name("q"), typed);
                    browser.until(d -> typed.equals(d.findElement(By.id("suggestions")).getDomAttribute("data-for")));
                    return browser.driver().findElements(By.cssSelector("#suggestions option")).stream()
                            .anyMatch(option -> word.equals(option.getDomProperty("value")));
                });
        browser.screenshot("14-search-suggestions");
    }

    /** From a product page: add it to the cart as a new customer, check out with an address, pay with the card token. */
    private void placeAnOrderFromTheProductPage(String cardToken) {
        steps.addToCartAsANewCustomer("shopper-" + UUID.randomUUID() + "@example.com", "correct-horse-battery");
        browser.screenshot("04-cart");
        steps.openTheCheckout();
        browser.screenshot("05-checkout");
        steps.pay(cardToken);
    }

    /** A made-up word of eight letters, so a search finds this test's product and no other. */
    private static String uniqueWord() {
        StringBuilder word = new StringBuilder("Z");
        for (int i = 0; i < 7; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
