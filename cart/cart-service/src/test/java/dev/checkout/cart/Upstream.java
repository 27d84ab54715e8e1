package dev.checkout.cart;

import dev.checkout.platform.messaging.MessageTypes;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.Envelope;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the services upstream of the cart, which its own tests do not run: publishes on their topics, in the
 * platform's envelope, what the catalog, inventory and order service would, and waits until the cart has taken it in.
 */
final class Upstream {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final ProductCopies copies;
    private final JdbcClient jdbc;

    Upstream(KafkaTemplate<String, String> kafka, JsonMapper json, ProductCopies copies, JdbcClient jdbc) {
        this.kafka = kafka;
        this.json = json;
        this.copies = copies;
        this.jdbc = jdbc;
    }

    /** A product the catalog just created, with {@code units} in stock once inventory has stocked it. */
    String productInStock(String price, int units) {
        String productId = Ids.newId("prod");
        productChanged(productId, "Widget " + productId.substring(5, 11), price, null, 1, List.of());
        stock(productId, null, units, units);
        return productId;
    }

    /** A product with one variant ("Large", 2.00 more), each with {@code units} in stock; returns {product, variant}. */
    String[] productWithVariant(String price, int units) {
        String productId = Ids.newId("prod");
        String variantId = Ids.newId("var");
        productChanged(productId, "Shirt", price, null, 1,
                List.of(new ProductChanged.Variant(variantId, "SKU-" + variantId, "Large", new BigDecimal("2.00"), java.util.Map.of("size", "L"))));
        stock(productId, variantId, units, units);
        return new String[] {productId, variantId};
    }

    void productChanged(String productId, String name, String basePrice, String status, long version,
                        List<ProductChanged.Variant> variants) {
        send(CatalogTopics.EVENTS, productId, "catalog-service", new ProductChanged(productId, "SKU-" + productId, name, "Acme",
                "tools/widgets", new BigDecimal(basePrice), null, "USD", status == null ? "ACTIVE" : status, variants, version,
                "A fine " + name, java.util.Map.of(), null, null));
        Awaitility.await("catalog version " + version + " of " + productId + " in the cart's copy").atMost(Duration.ofSeconds(20))
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> copies.find(productId).map(ProductCopy::catalogVersion).orElse(0L) >= version);
    }

    /** Inventory's stock level of the product (or variant) changed to {@code available}. */
    void stock(String productId, String variantId, int available, int productAvailable) {
        long revision = copies.find(productId).map(ProductCopy::revision).orElse(0L);
        send(InventoryTopics.EVENTS, productId, "inventory-service",
                new StockLevelChanged(productId, variantId, available, 0, available, productAvailable));
        Awaitility.await("stock of " + productId + " in the cart's copy").atMost(Duration.ofSeconds(20))
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> copies.find(productId).map(ProductCopy::revision).orElse(0L) > revision);
        assertThat(copies.find(productId).orElseThrow().available()).isEqualTo(productAvailable);
    }

    String orderPlaced(String orderId, String userId, String cartId) {
        return send(OrderTopics.EVENTS, orderId, "order-service", new OrderPlaced(orderId, "ORD-1", userId, cartId, List.of(),
                new BigDecimal("10.00"), "USD", Instant.now()));
    }

    String orderConfirmed(String orderId, String userId, String cartId) {
        return send(OrderTopics.EVENTS, orderId, "order-service", new OrderConfirmed(orderId, "ORD-1", userId, cartId, List.of(),
                new BigDecimal("10.00"), "USD", "ch_test", Instant.now(), Instant.now(), null, null));
    }

    String orderFailed(String orderId, String userId, String cartId) {
        return send(OrderTopics.EVENTS, orderId, "order-service", new OrderFailed(orderId, userId, cartId, "payment_declined", Instant.now()));
    }

    String checkoutExpired(String checkoutId, String userId, String cartId) {
        return send(OrderTopics.EVENTS, checkoutId, "order-service", new CheckoutExpired(checkoutId, userId, cartId, Instant.now()));
    }

    /** Waits until the cart service has handled the event (its idempotent consumer recorded it). */
    void awaitHandled(String eventId) {
        Awaitility.await("event " + eventId + " handled by the cart").atMost(Duration.ofSeconds(20))
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> jdbc.sql("select count(*) from cart.processed_messages where event_id = :id")
                        .param("id", eventId).query(Long.class).single() > 0);
    }

    private String send(String topic, String key, String source, Object payload) {
        Envelope envelope = new Envelope(Ids.newId("evt"), MessageTypes.of(payload.getClass()), null, null, Instant.now(),
                "test-" + Ids.newId("corr"), null, source, 1, json.valueToTree(payload));
        try {
            kafka.send(topic, key, json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
            return envelope.eventId();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
