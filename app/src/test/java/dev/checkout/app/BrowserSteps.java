package dev.checkout.app;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * What a customer and an admin do in the pages, one step at a time, so the browser tests and the walk-through of a
 * running platform ({@link BrowserWalkThrough}) drive the same forms the same way; callers take screenshots between steps.
 */
record BrowserSteps(Browser browser) {

    /**
     * On a product page as a new visitor: "add to cart" asks to register first; registers with {@code email}, comes
     * back to the product and adds it, landing on the cart.
     */
    void addToCartAsANewCustomer(String email, String password) {
        askToAddToCart();
        registerAndAddToCart(email, password);
    }

    /** On a product page as a new visitor: "add to cart" shows the registration form. */
    void askToAddToCart() {
        browser.click(By.cssSelector("#add-to-cart button"));
        browser.find(By.id("register"));
    }

    /** On the registration form: registers, is back on the product page, and adds it to the cart. */
    void registerAndAddToCart(String email, String password) {
        browser.type(By.cssSelector("#register input[name=email]"), email)
                .type(By.cssSelector("#register input[name=password]"), password)
                .click(By.cssSelector("#register button"));
        browser.until(d -> browser.path().startsWith("/products/"));
        browser.click(By.cssSelector("#add-to-cart button"));
        browser.find(By.id("cart-items"));
    }

    /** On the cart: gives a shipping address and opens the checkout, whose countdown script has run. */
    void openTheCheckout() {
        browser.type(By.name("street"), "1 Main St").type(By.name("city"), "Springfield").type(By.name("zip"), "62701");
        browser.click(By.cssSelector("#checkout button"));
        browser.find(By.id("pay"));
        // The countdown script replaced the placeholder with the time left before the reservation expires.
        browser.until(d -> !browser.text(By.id("countdown")).equals("…"));
    }

    /** On the checkout: pays with the card token and lands on the order's page. */
    void pay(String cardToken) {
        new Select(browser.find(By.name("cardToken"))).selectByValue(cardToken);
        browser.click(By.cssSelector("#pay button"));
        browser.until(d -> browser.path().startsWith("/orders/"));
    }

    /** Opens {@code /admin}, which shows the sign-in form. */
    void openTheBackOffice() {
        browser.open("/admin");
        browser.find(By.id("sign-in"));
    }

    /** On the back office's sign-in form: signs in and lands on the orders. */
    void signInAsAdmin(String email, String password) {
        browser.type(By.cssSelector("#sign-in input[name=email]"), email)
                .type(By.cssSelector("#sign-in input[name=password]"), password)
                .click(By.cssSelector("#sign-in button"));
        browser.find(By.id("orders"));
    }
}
