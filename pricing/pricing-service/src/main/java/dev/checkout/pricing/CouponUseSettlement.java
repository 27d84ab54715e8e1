package dev.checkout.pricing;

import java.util.List;

import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import dev.checkout.pricing.PricingServiceConfiguration.PricingMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Settles held coupon uses by the order events, by choreography: a checkout's hold follows the order placed from it;
 * a confirmation makes the use final; an expired checkout, a failed or a cancelled order gives it back. Each step
 * acts only on a hold in the state it expects, so a message seen twice changes nothing more.
 */
@Component
class CouponUseSettlement {

    private final PricingMessaging messaging;
    private final CouponHolds holds;
    private final MessageRoutes routes;

    CouponUseSettlement(PricingMessaging messaging, CouponHolds holds) {
        this.messaging = messaging;
        this.holds = holds;
        this.routes = MessageRoutes.builder()
                // Only an order paid from a two-step checkout links a hold; the others are dropped before any transaction.
                .on(OrderPlaced.class, placed -> placed.checkoutId() != null,
                        (placed, message) -> holds.orderPlaced(placed.checkoutId(), placed.orderId()))
                .on(OrderConfirmed.class, (confirmed, message) -> holds.confirmed(confirmed.orderId()))
                .on(OrderFailed.class, (failed, message) -> holds.ended(failed.orderId()))
                .on(OrderCancelled.class, (cancelled, message) -> holds.ended(cancelled.orderId()))
                .on(CheckoutExpired.class, (expired, message) -> holds.ended(expired.checkoutId()))
                .build();
    }

    @KafkaListener(id = "pricing-order-events", groupId = "pricing-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", routes);
    }
}
