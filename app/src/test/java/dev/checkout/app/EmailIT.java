package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.notification.EmbeddedMailServer;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** E-mail over real SMTP (the embedded GreenMail server): one message per kind and order, delivered after an outage. */
class EmailIT extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EmbeddedMailServer mailServer;

    record Customer(ApiClient api, String email, String userId) {
    }

    Customer newCustomer() {
        String email = "mail-" + UUID.randomUUID() + "@example.com";
        ApiResponse registered = api.post("/api/v1/auth/register", Map.of("email", email, "password", "a good password"));
        assertThat(registered.status()).isEqualTo(201);
        ApiClient customer = api.withToken(api.post("/api/v1/auth/login", Map.of("email", email, "password", "a good password")).text("/access_token"));
        return new Customer(customer, email, registered.text("/user_id"));
    }

    List<JsonNode> mailbox(String to) {
        ApiResponse mailbox = fixtures.admin().get("/api/v1/admin/mailbox?to=" + to);
        assertThat(mailbox.status()).as(mailbox.toString()).isEqualTo(200);
        List<JsonNode> messages = new java.util.ArrayList<>();
        mailbox.json().path("messages").forEach(messages::add);
        return messages;
    }

    @Test
    void aConfirmedOrderSendsOneConfirmationEmailToTheCustomer() {
        Customer customer = newCustomer();
        String product = fixtures.productWithStock("12.00", 5);
        String orderId = placeOrder(customer.api(), product, 1, "tok_visa");
        ApiResponse order = Fixtures.awaitSettled(customer.api(), orderId);
        assertThat(order.text("/status")).isEqualTo("CONFIRMED");

        JsonNode email = Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> mailbox(customer.email()), messages -> !messages.isEmpty()).getFirst();
        assertThat(email.path("kind").asString()).isEqualTo("order_confirmed");
        assertThat(email.path("to").asString()).isEqualTo(customer.email());
        assertThat(email.path("subject").asString()).contains(order.text("/order_number"));
        assertThat(email.path("text").asString()).contains(order.text("/order_number"));

        ApiResponse sent = fixtures.admin().get("/api/v1/admin/notifications?order_id=" + orderId);
        assertThat(sent.json()).singleElement().satisfies(notification -> {
            assertThat(notification.path("kind").asString()).isEqualTo("order_confirmed");
            assertThat(notification.path("channel").asString()).isEqualTo("email");
            assertThat(notification.path("recipient").asString()).isEqualTo(customer.email());
            assertThat(notification.path("status").asString()).isEqualTo("SENT");
            assertThat(notification.path("attempts").asInt()).isEqualTo(1);
        });
        assertThat(fixtures.admin().get("/api/v1/admin/notifications?user_id=" + customer.userId()).json()).hasSize(1);
        assertThat(mailbox(customer.email())).as("still one message").hasSize(1);
        JsonNode confirmed = TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), OrderTopics.EVENTS).stream()
                .filter(message -> orderId.equals(message.key()) && "OrderConfirmed".equals(message.header("event_type")))
                .map(message -> JSON.readTree(message.value())).findFirst().orElseThrow();
        assertThat(confirmed.at("/payload/customer_email").asString())
                .as("the address the customer ordered with travels with the confirmation: notification need not ask identity")
                .isEqualTo(customer.email());
    }

    @Test
    void whileTheSmtpServerIsDownTheEmailWaitsAndArrivesOnceWhenItIsBack() {
        Customer customer = newCustomer();
        String product = fixtures.productWithStock("7.00", 5);
        mailServer.stop();
        String orderId;
        try {
            orderId = placeOrder(customer.api(), product, 1, "tok_chargeDeclined");
            assertThat(Fixtures.awaitSettled(customer.api(), orderId).text("/status")).isEqualTo("FAILED");
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(fixtures.admin().get("/api/v1/admin/notifications?order_id=" + orderId).json()).singleElement()
                            .satisfies(notification -> {
                                assertThat(notification.path("status").asString()).isEqualTo("RETRYING");
                                assertThat(notification.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
                            }));
        } finally {
            mailServer.start();
        }
        List<JsonNode> messages = Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> mailbox(customer.email()), received -> !received.isEmpty());
        assertThat(messages).singleElement().satisfies(email -> assertThat(email.path("kind").asString()).isEqualTo("order_failed"));
        Awaitility.await("still one message").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .until(() -> mailbox(customer.email()).size() == 1);
        assertThat(fixtures.admin().get("/api/v1/admin/notifications?order_id=" + orderId).json()).singleElement()
                .satisfies(notification -> assertThat(notification.path("status").asString()).isEqualTo("SENT"));
    }

    @Test
    void aCartLeftIdlePastTheReminderDelayGetsOneReminder() {
        Customer customer = newCustomer();
        String product = fixtures.productWithStock("3.50", 5);
        Fixtures.cartWith(customer.api(), product, 2);

        JsonNode reminder = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox(customer.email()), messages -> !messages.isEmpty()).getFirst();
        assertThat(reminder.path("kind").asString()).isEqualTo("cart_reminder");
        assertThat(reminder.path("text").asString()).contains("7.00");
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mailbox(customer.email()).size() == 1);
    }

    @Test
    void theMailboxAndTheNotificationsAreForAdminsOnly() {
        assertThat(fixtures.newCustomer().get("/api/v1/admin/mailbox").status()).isEqualTo(403);
        assertThat(fixtures.newCustomer().get("/api/v1/admin/notifications").status()).isEqualTo(403);
    }
}
