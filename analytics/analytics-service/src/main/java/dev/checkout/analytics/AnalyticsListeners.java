package dev.checkout.analytics;

import java.util.List;

import dev.checkout.analytics.AnalyticsServiceConfiguration.AnalyticsMessaging;
import dev.checkout.cart.api.CartAbandoned;
import dev.checkout.cart.api.CartTopics;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentProcessed;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the read model and the checkout meters from the events of orders, payments, carts and the catalog, and
 * counts stock reservations inventory refused. Each topic has its own consumer
 * (a burst of catalog changes never delays the order figures); the platform records each event as processed in the
 * transaction of its effect, so a redelivered event counts once.
 */
@Component
class AnalyticsListeners {

    private final AnalyticsMessaging messaging;
    private final MessageRoutes orderRoutes;
    private final MessageRoutes paymentRoutes;
    private final MessageRoutes cartRoutes;
    private final MessageRoutes catalogRoutes;
    private final MessageRoutes inventoryRoutes;

    AnalyticsListeners(AnalyticsMessaging messaging, Facts facts, CheckoutMeters meters) {
        this.messaging = messaging;
        this.orderRoutes = MessageRoutes.builder()
                .on(OrderPlaced.class, (placed, message) -> {
                    facts.placed(placed);
                    meters.orderCreated(placed.cartId() != null);
                })
                .on(OrderConfirmed.class, (confirmed, message) -> {
                    facts.confirmed(confirmed);
                    meters.orderConfirmed(confirmed.placedAt(), confirmed.confirmedAt());
                })
                .on(OrderFailed.class, (failed, message) -> {
                    facts.failed(failed);
                    meters.orderFailed(failed.failureReason());
                })
                .on(OrderCancelled.class, (cancelled, message) -> {
                    facts.cancelled(cancelled);
                    meters.orderCancelled();
                })
                .on(CheckoutExpired.class, (expired, message) -> facts.expired(expired))
                .build();
        this.paymentRoutes = MessageRoutes.builder()
                .on(PaymentProcessed.class, (processed, message) -> {
                    facts.paid(processed.orderId(), message.envelope().occurredAt());
                    meters.payment(true);
                })
                .on(PaymentFailed.class, (failed, message) -> {
                    facts.notPaid(failed.orderId(), failed.reason(), message.envelope().occurredAt());
                    meters.payment(false);
                })
                .build();
        this.cartRoutes = MessageRoutes.builder()
                .on(CartAbandoned.class, (abandoned, message) -> {
                    facts.abandoned(abandoned);
                    meters.cartAbandoned();
                })
                .build();
        // Only the refusals: the other replies are the order service's business and are dropped by their type header.
        this.inventoryRoutes = MessageRoutes.builder()
                .on(StockReservationFailed.class, (refused, message) -> meters.reservationRefused())
                .build();
        this.catalogRoutes = MessageRoutes.builder()
                .on(ProductChanged.class, (changed, message) -> facts.product(changed))
                .build();
    }

    @KafkaListener(id = "analytics-order-events", groupId = "analytics-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onOrderEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", orderRoutes);
    }

    @KafkaListener(id = "analytics-payment-events", groupId = "analytics-service", topics = PaymentTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onPaymentEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "payment-events", paymentRoutes);
    }

    @KafkaListener(id = "analytics-cart-events", groupId = "analytics-service", topics = CartTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onCartEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "cart-events", cartRoutes);
    }

    @KafkaListener(id = "analytics-catalog-events", groupId = "analytics-service", topics = CatalogTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onCatalogEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "catalog-events", catalogRoutes);
    }

    @KafkaListener(id = "analytics-inventory-replies", groupId = "analytics-service", topics = InventoryTopics.REPLIES,
            containerFactory = ServiceMessaging.REACTIONS)
    void onInventoryReplies(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "inventory-replies", inventoryRoutes);
    }
}
