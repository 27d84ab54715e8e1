package dev.checkout.analytics;

import java.util.List;

import dev.checkout.analytics.AnalyticsServiceConfiguration.AnalyticsMessaging;
import dev.checkout.cart.api.CartAbandoned;
import dev.checkout.cart.api.CartTopics;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the read model from the events of orders, payments, carts and the catalog. Each topic has its own consumer
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

    AnalyticsListeners(AnalyticsMessaging messaging, Facts facts) {
        this.messaging = messaging;
        this.orderRoutes = MessageRoutes.builder()
                .on(OrderPlaced.class, (placed, message) -> facts.placed(placed))
                .on(OrderConfirmed.class, (confirmed, message) -> facts.confirmed(confirmed))
                .on(OrderFailed.class, (failed, message) -> facts.failed(failed))
                .on(OrderCancelled.class, (cancelled, message) -> facts.cancelled(cancelled))
                .on(CheckoutExpired.class, (expired, message) -> facts.expired(expired))
                .build();
        this.paymentRoutes = MessageRoutes.builder()
                .on(PaymentProcessed.class, (processed, message) -> facts.paid(processed.orderId(), message.envelope().occurredAt()))
                .on(PaymentFailed.class, (failed, message) -> facts.notPaid(failed.orderId(), failed.reason(), message.envelope().occurredAt()))
                .build();
        this.cartRoutes = MessageRoutes.builder()
                .on(CartAbandoned.class, (abandoned, message) -> facts.abandoned(abandoned))
                .build();
        this.catalogRoutes = MessageRoutes.builder()
                .on(ProductChanged.class, (changed, message) -> facts.product(changed))
                .build();
    }

    @KafkaListener(id = "analytics-order-events", groupId = "analytics-service", topics = OrderTopics.EVENTS)
    void onOrderEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", orderRoutes);
    }

    @KafkaListener(id = "analytics-payment-events", groupId = "analytics-service", topics = PaymentTopics.EVENTS)
    void onPaymentEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "payment-events", paymentRoutes);
    }

    @KafkaListener(id = "analytics-cart-events", groupId = "analytics-service", topics = CartTopics.EVENTS)
    void onCartEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "cart-events", cartRoutes);
    }

    @KafkaListener(id = "analytics-catalog-events", groupId = "analytics-service", topics = CatalogTopics.EVENTS)
    void onCatalogEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "catalog-events", catalogRoutes);
    }
}
