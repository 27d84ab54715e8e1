package dev.checkout.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A walk through a running platform ({@code ./checkout run}) in headless Chromium, as a customer and then as the admin,
 * saving a screenshot of each page as {@code NN-name.png}: the storefront's demo catalogue, a search with a typo, a
 * product, registering, the cart, the two-step checkout paid with {@code tok_visa}, the order CONFIRMED with its saga
 * steps; then the back office's sign-in, its orders with this one, the order's saga timeline and the dashboard's
 * charts. It stops at the first page that does not show what it should. Run it with {@code scripts/browser-walk-through}.
 * <p>
 * Options: {@code --base-url http://localhost:8080}, {@code --admin-email admin@localhost}, {@code --admin-password P}
 * (else read from {@code <data-dir>/secrets/admin-password}), {@code --data-dir ./.checkout-data},
 * {@code --screenshots docs/screenshots/run}.
 */
public final class BrowserWalkThrough {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Browser browser;
    private final BrowserSteps steps;
    private int page;

    private BrowserWalkThrough(Browser browser) {
        this.browser = browser;
        this.steps = new BrowserSteps(browser);
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = option(args, "--base-url", "http://localhost:8080");
        String adminEmail = option(args, "--admin-email", "admin@localhost");
        String adminPassword = option(args, "--admin-password", null);
        if (adminPassword == null) {
            adminPassword = Files.readString(Path.of(option(args, "--data-dir", ".checkout-data"), "secrets", "admin-password")).trim();
        }
        Path screenshots = Path.of(option(args, "--screenshots", "docs/screenshots/run"));
        System.out.println("walking through " + baseUrl + " (screenshots in " + screenshots.toAbsolutePath() + ")");
        try (Browser browser = Browser.at(baseUrl, screenshots)) {
            BrowserWalkThrough walk = new BrowserWalkThrough(browser);
            String orderNumber = walk.asACustomer();
            walk.asTheAdmin(adminEmail, adminPassword, orderNumber);
            walk.aroundTheBackOffice();
        }
        System.out.println("done: every page showed what it should");
    }

    /** Buys a laptop found with a typo and returns the order's number once it is CONFIRMED. */
    private String asACustomer() {
        browser.open("/");
        List<WebElement> listed = browser.until(d -> {
            List<WebElement> links = d.findElements(By.cssSelector("a[href^='/products/']"));
            return links.size() >= 20 ? links : null;
        });
        saved("storefront", listed.size() + " product links on the first page");

        browser.type(By.name("q"), "labtop").click(By.cssSelector("form.search button"));
        browser.until(d -> browser.path().contains("q=labtop"));
        WebElement found = browser.find(By.partialLinkText("Laptop"));
        String product = found.getText();
        saved("search-with-a-typo", "'labtop' finds " + product);

        found.click();
        browser.until(d -> browser.text(By.tagName("h1")).equals(product));
        saved("product", product);

        steps.askToAddToCart();
        String email = "walk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.type(By.cssSelector("#register input[name=email]"), email);
        saved("register", "a new customer, " + email);

        steps.registerAndAddToCart(email, "correct-horse-battery");
        saved("cart", "the laptop in the cart");

        steps.openTheCheckout();
        saved("checkout", "stock reserved, " + browser.text(By.id("countdown")) + " left to pay");

        steps.pay("tok_visa");
        browser.untilTextIs(By.id("order-status"), "CONFIRMED");
        String sagaSteps = browser.text(By.id("saga-steps"));
        require(() -> sagaSteps.contains("reserve_stock") && sagaSteps.contains("charge_payment")
                && sagaSteps.contains("confirm_stock") && sagaSteps.contains("confirm_order") && !sagaSteps.contains("FAILED"),
                "the order page shows the saga's four steps completed, not: " + sagaSteps);
        String orderNumber = browser.text(By.tagName("h1")).replaceFirst("^Order ", "");
        saved("order-confirmed", orderNumber + " CONFIRMED, " + browser.driver().findElements(By.cssSelector("#saga-steps li")).size()
                + " saga steps COMPLETED");
        return orderNumber;
    }

    private void asTheAdmin(String email, String password, String orderNumber) {
        browser.forgetVisitor();
        steps.openTheBackOffice();
        saved("admin-sign-in", browser.path());

        steps.signInAsAdmin(email, password);
        WebElement order = browser.find(By.linkText(orderNumber));
        saved("admin-orders", orderNumber + " listed");

        order.click();
        browser.find(By.id("saga-steps"));
        require(() -> browser.text(By.tagName("h1")).equals(orderNumber), "the order's page is " + orderNumber);
        saved("admin-order-saga", browser.driver().findElements(By.cssSelector("#saga-steps li")).size() + " steps in the saga timeline");

        // The analytics read model follows the events within seconds.
        Awaitility.await("the dashboard counts the order").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open("/admin/dashboard");
            return Long.parseLong(browser.text(By.id("orders-confirmed"))) >= 1;
        });
        List<WebElement> bars = browser.driver().findElements(By.cssSelector("#orders-chart rect.bar"));
        double thisHour = Double.parseDouble(bars.getLast().getDomAttribute("data-value"));
        require(() -> thisHour >= 1, "the orders chart shows this hour's orders");
        saved("admin-dashboard", browser.text(By.id("orders-created")) + " orders created, " + browser.text(By.id("revenue"))
                + " revenue, " + (long) thisHour + " orders in this hour's bar");
    }

    /** The rest of the back office, each page as the walk leaves it: products with stock, coupons, sales, after-sale. */
    private void aroundTheBackOffice() {
        browser.open("/admin/products");
        saved("admin-products", browser.driver().findElements(By.cssSelector("#products tbody tr")).size() + " products with their stock");

        String code = "WALK" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        browser.open("/admin/coupons");
        browser.find(By.name("code")).sendKeys(code);
        browser.find(By.name("value")).sendKeys("10");
        browser.find(By.name("max_redemptions")).sendKeys("100");
        browser.find(By.cssSelector("#new-coupon button")).click();
        browser.find(By.id("coupon-" + code));
        saved("admin-coupons", "coupon " + code + " created");

        browser.open("/admin/flash-sales");
        saved("admin-flash-sales", browser.driver().findElements(By.cssSelector("#flash-sales tbody tr")).size() + " flash sales listed");

        browser.open("/admin/shipments");
        saved("admin-shipments", browser.driver().findElements(By.cssSelector("#shipments tbody tr")).size() + " shipments");

        browser.open("/admin/returns");
        saved("admin-returns", browser.driver().findElements(By.cssSelector("#returns tbody tr")).size() + " returns");

        Awaitility.await("the order's e-mail listed").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open("/admin/notifications");
            return !browser.driver().findElements(By.cssSelector("#notifications td.kind")).isEmpty();
        });
        saved("admin-notifications", browser.driver().findElements(By.cssSelector("#notifications tbody tr")).size()
                + " notifications, the latest " + browser.text(By.cssSelector("#notifications td.kind")));
    }

    private void saved(String name, String what) {
        page++;
        Path file = browser.screenshot("%02d-%s".formatted(page, name));
        System.out.printf("%-32s %s%n", file.getFileName(), what);
    }

    private static void require(BooleanSupplier condition, String what) {
        if (!condition.getAsBoolean()) {
            throw new IllegalStateException("expected: " + what);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
