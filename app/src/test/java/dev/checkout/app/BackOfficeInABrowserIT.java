package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.SharedServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An admin in a real (headless) Chromium: signs in at {@code /admin}, finds an order and its saga timeline, reads the
 * dashboard whose charts are drawn from the orders just made, and replays a dead letter. Each page leaves a screenshot
 * in {@code target/screenshots/}.
 */
class BackOfficeInABrowserIT extends InABrowserTest {

    @Test
    void anAdminSignsInFindsAnOrderWithItsSagaTimelineAndReadsTheDashboardsCharts() {
        long createdBefore = fixtures.admin().get("/api/v1/analytics/dashboard").json().path("orders").path("created").asLong();
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String product = fixtures.productWithStock("30.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String confirmed = placeOrder(customer, product, 1, "tok_visa");
        String orderNumber = Fixtures.awaitSagaCompleted(customer, confirmed).text("/order_number");
        Fixtures.awaitSettled(customer, placeOrder(customer, product, 1, "tok_chargeDeclined"));

        signIn();
        WebElement order = browser.find(By.linkText(orderNumber));
        browser.screenshot("09-admin-orders");
        order.click();
        browser.find(By.id("saga-steps"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(orderNumber);
        assertThat(browser.text(By.id("saga-steps"))).contains("reserve_stock", "charge_payment", "confirm_stock", "confirm_order");
        browser.screenshot("10-admin-order-saga");

        browser.click(By.id("nav-dashboard"));
        // The analytics read model follows the events within seconds: the page shows them once they are in.
        Awaitility.await("the dashboard counts the orders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    browser.open("/admin/dashboard");
                    return Long.parseLong(browser.text(By.id("orders-created"))) >= createdBefore + 2;
                });
        var bars = browser.driver().findElements(By.cssSelector("#orders-chart rect.bar"));
        assertThat(bars).hasSize(24);
        // The orders fall in the last bar, or in the last two when the hour turned while the test ran.
        List<WebElement> ourHours = since(firstHour, bars);
        assertThat(ourHours.stream().mapToDouble(bar -> Double.parseDouble(bar.getDomAttribute("data-value"))).sum())
                .as("orders in the hours they were placed").isGreaterThanOrEqualTo(2);
        assertThat(ourHours).anySatisfy(bar -> assertThat(Integer.parseInt(bar.getDomAttribute("height"))).isPositive());
        assertThat(since(firstHour, browser.driver().findElements(By.cssSelector("#revenue-chart rect.bar"))).stream()
                .mapToDouble(bar -> Double.parseDouble(bar.getDomAttribute("data-value"))).sum())
                .as("revenue in the hours the order was confirmed").isGreaterThanOrEqualTo(30);
        assertThat(browser.text(By.id("failure-reasons"))).contains("payment_declined");
        browser.screenshot("11-admin-dashboard");
    }

    /** The bars of the hours from {@code hour} on. */
    private static List<WebElement> since(Instant hour, List<WebElement> bars) {
        return bars.stream().filter(bar -> !Instant.parse(bar.getDomAttribute("data-at")).isBefore(hour)).toList();
    }

    @Test
    void anAdminReplaysADeadLetterFromTheBackOffice() throws Exception {
        String eventId = "evt_unreadable_" + UUID.randomUUID();
        sendAnUnreadableCartEvent(eventId);
        ApiClient admin = fixtures.admin();
        // Retried after 1, 2 and 4 s, then dead-lettered and stored.
        Awaitility.await("the unreadable event is dead-lettered").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/v1/admin/dead-letters?topic=cart-events&limit=100").body().contains(eventId));

        signIn();
        browser.click(By.id("nav-dead-letters"));
        By letter = By.cssSelector("#dead-letters tr[data-event-id='" + eventId + "']");
        WebElement row = browser.find(letter);
        String letterId = row.getDomAttribute("id");
        assertThat(row.getText()).contains("cart-events", "CartAbandoned");
        assertThat(row.findElement(By.className("replay-count")).getText()).isEqualTo("0");
        browser.screenshot("12-admin-dead-letters");

        row.findElement(By.cssSelector("button.replay")).click();
        assertThat(browser.text(By.id("replayed"))).contains(letterId);
        assertThat(browser.find(By.id(letterId)).findElement(By.className("replay-count")).getText()).isEqualTo("1");
        browser.screenshot("13-admin-dead-letter-replayed");
        assertThat(admin.get("/api/v1/admin/dead-letters?topic=cart-events&limit=100").json().path("dead_letters").valueStream()
                .filter(d -> d.path("id").asString().equals(letterId)).findFirst().orElseThrow().path("replay_count").asInt()).isEqualTo(1);
    }

    private void signIn() {
        steps.openTheBackOffice();
        assertThat(browser.path()).isEqualTo("/admin/login");
        browser.screenshot("08-admin-sign-in");
        steps.signInAsAdmin(Fixtures.ADMIN_EMAIL, Fixtures.ADMIN_PASSWORD);
    }

    /**
     * A well-formed envelope of a type the cart-events consumers take, whose payload cannot be read: it fails every
     * retry and becomes a dead letter. Cart events are off the checkout's path, so no saga waits behind it.
     */
    private static void sendAnUnreadableCartEvent(String eventId) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.addresses().kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            var record = new ProducerRecord<String, String>("cart-events", "cart_unreadable", """
                    {"event_id":"%s","event_type":"CartAbandoned","payload":{"cart_id":["not","a","string"],"user_id":{"no":1}}}"""
                    .formatted(eventId));
            record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("event_type", "CartAbandoned".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }
}
