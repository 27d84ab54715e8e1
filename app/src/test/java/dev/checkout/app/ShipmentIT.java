package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Shipments: made for confirmed orders, shipped and delivered by admins, with the order (and its e-mails) in step. */
class ShipmentIT extends EndToEndTest {

    record Customer(ApiClient api, String email) {
    }

    Customer newCustomer() {
        String email = "ship-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/auth/register", Map.of("email", email, "password", "a good password")).status()).isEqualTo(201);
        return new Customer(api.withToken(api.post("/api/v1/auth/login", Map.of("email", email, "password", "a good password"))
                .text("/access_token")), email);
    }

    String confirmedOrder(Customer customer) {
        String orderId = placeOrder(customer.api(), fixtures.productWithStock("15.00", 5), 1, "tok_visa");
        assertThat(Fixtures.awaitSettled(customer.api(), orderId).text("/status")).isEqualTo("CONFIRMED");
        return orderId;
    }

    JsonNode shipmentOf(String orderId) {
        return Awaitility.await("shipment of " + orderId).atMost(Duration.ofSeconds(10))
                .until(() -> fixtures.admin().get("/api/v1/admin/shipments?order_id=" + orderId).json().path("shipments"), list -> list.size() == 1)
                .get(0);
    }

    void awaitStatus(Customer customer, String orderId, String status) {
        Awaitility.await(orderId + " " + status).atMost(Duration.ofSeconds(10))
                .until(() -> customer.api().get("/api/v1/orders/" + orderId).text("/status"), status::equals);
    }

    @Test
    void aShipmentShippedThenDeliveredTakesItsOrderAlongAndTellsTheCustomerOnce() {
        Customer customer = newCustomer();
        String orderId = confirmedOrder(customer);
        JsonNode shipment = shipmentOf(orderId);
        assertThat(shipment.path("status").asString()).isEqualTo("PENDING");
        String shipmentId = shipment.path("shipment_id").asString();
        ApiClient admin = fixtures.admin();

        ApiResponse shipped = admin.post("/api/v1/admin/shipments/" + shipmentId + "/ship", Map.of("carrier", "UPS", "tracking_number", "1Z999AA1"));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        assertThat(shipped.text("/status")).isEqualTo("SHIPPED");
        assertThat(shipped.text("/tracking_number")).isEqualTo("1Z999AA1");
        awaitStatus(customer, orderId, "SHIPPED");
        assertThat(admin.post("/api/v1/admin/shipments/" + shipmentId + "/ship", Map.of("carrier", "UPS", "tracking_number", "X")).code())
                .isEqualTo("invalid_transition");

        assertThat(admin.post("/api/v1/admin/shipments/" + shipmentId + "/deliver", null).text("/status")).isEqualTo("DELIVERED");
        awaitStatus(customer, orderId, "DELIVERED");
        JsonNode shown = customer.api().get("/api/v1/orders/" + orderId).json().path("shipments");
        assertThat(shown).singleElement().satisfies(s -> {
            assertThat(s.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(s.path("carrier").asString()).isEqualTo("UPS");
            assertThat(s.path("tracking_number").asString()).isEqualTo("1Z999AA1");
            assertThat(s.path("shipped_at").asString()).isNotBlank();
            assertThat(s.path("delivered_at").asString()).isNotBlank();
        });

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode messages = admin.get("/api/v1/admin/mailbox?to=" + customer.email()).json().path("messages");
            assertThat(messages.findValuesAsString("kind")).containsExactlyInAnyOrder("order_confirmed", "order_shipped", "order_delivered");
        });
        JsonNode shippingEmail = java.util.stream.StreamSupport.stream(
                        admin.get("/api/v1/admin/mailbox?to=" + customer.email()).json().path("messages").spliterator(), false)
                .filter(m -> m.path("kind").asString().equals("order_shipped")).findFirst().orElseThrow();
        assertThat(shippingEmail.path("text").asString()).contains("1Z999AA1");
    }

    @Test
    void movingTheOrderByItsStatusMovesTheShipmentWithIt() {
        Customer customer = newCustomer();
        String orderId = confirmedOrder(customer);
        String shipmentId = shipmentOf(orderId).path("shipment_id").asString();
        ApiClient admin = fixtures.admin();

        assertThat(admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING")).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "SHIPPED")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shipmentOf(orderId).path("status").asString(), "SHIPPED"::equals);
        assertThat(admin.post("/api/v1/admin/shipments/" + shipmentId + "/deliver", null).status()).isEqualTo(200);
        awaitStatus(customer, orderId, "DELIVERED");
    }

    @Test
    void cancellingAnOrderBeforeItShipsCancelsItsShipment() {
        Customer customer = newCustomer();
        String orderId = confirmedOrder(customer);
        String shipmentId = shipmentOf(orderId).path("shipment_id").asString();

        assertThat(customer.api().post("/api/v1/orders/" + orderId + "/cancel", null).status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shipmentOf(orderId).path("status").asString(), "CANCELLED"::equals);
        assertThat(fixtures.admin().post("/api/v1/admin/shipments/" + shipmentId + "/ship", Map.of("carrier", "UPS", "tracking_number", "1Z")).status())
                .isEqualTo(409);
        assertThat(fixtures.admin().get("/api/v1/admin/shipments?status=BOGUS").status()).isEqualTo(400);
        assertThat(fixtures.admin().post("/api/v1/admin/shipments/shp_nope/deliver", null).status()).isEqualTo(404);
    }
}
