package dev.checkout.order.checkout;

import java.util.List;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Inventory's answers about checkouts' own reservations (owner = checkout id). A separate consumer group from the
 * saga's, so both see every reply. A refused reservation fails the checkout and frees its cart. Either answer wakes
 * the request waiting to answer {@code POST /checkouts} ({@link CheckoutSettlements}). A release's answer marks the
 * let-go stock as back ({@link Checkout#isStockReleasing}).
 */
@Component
class CheckoutReplies {

    private final OrderMessaging messaging;
    private final Checkouts checkouts;
    private final CheckoutSettlements settlements;
    private final java.time.Clock clock;

    CheckoutReplies(OrderMessaging messaging, Checkouts checkouts, CheckoutSettlements settlements, java.time.Clock clock) {
        this.messaging = messaging;
        this.checkouts = checkouts;
        this.settlements = settlements;
        this.clock = clock;
    }

    private final MessageRoutes routes = MessageRoutes.builder()
            .on(StockReserved.class, reply -> isCheckouts(reply.ownerId()), this::reserved)
            .on(StockReservationFailed.class, reply -> isCheckouts(reply.ownerId()), this::refused)
            .on(StockReleased.class, reply -> isCheckouts(reply.ownerId()), this::released)
            .build();

    @KafkaListener(id = "order-checkout-reservations", groupId = "order-service-checkouts", topics = InventoryTopics.REPLIES)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "checkout-reservations", routes);
    }

    private static boolean isCheckouts(String ownerId) {
        return ownerId != null && ownerId.startsWith(Checkout.ID_PREFIX);
    }

    private void reserved(StockReserved reserved, InboundMessage message) {
        if (!reserved.ownerId().startsWith(Checkout.ID_PREFIX)) {
            return;
        }
        checkouts.lock(reserved.ownerId()).ifPresent(checkout -> {
            // A flash sale's hold starts its token's life here (the reply's time bounds it: see Checkout.stockReserved).
            checkout.stockReserved(clock.instant(), reserved.expiresAt());
            checkouts.update(checkout);
            settlements.announce(checkout.checkoutId());
        });
    }

    private void refused(StockReservationFailed refused, InboundMessage message) {
        if (!refused.ownerId().startsWith(Checkout.ID_PREFIX)) {
            return;
        }
        checkouts.lock(refused.ownerId()).filter(c -> c.status() == Checkout.Status.RESERVING).ifPresent(checkout -> {
            checkout.stockRefused(shortItems(refused));
            checkouts.update(checkout);
            settlements.announce(checkout.checkoutId());
            messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, checkout.checkoutId(),
                    new CheckoutExpired(checkout.checkoutId(), checkout.userId(), checkout.cartId(), clock.instant())).causedBy(message));
        });
    }

    /** The stock of a checkout that let it go is back in inventory: a flash sale may hand its units out again. */
    private void released(StockReleased released, InboundMessage message) {
        checkouts.lock(released.ownerId()).filter(Checkout::isStockReleasing).ifPresent(checkout -> {
            checkout.stockReleased();
            checkouts.update(checkout);
        });
    }

    private static List<Checkout.ShortItem> shortItems(StockReservationFailed refused) {
        return refused.failedItems().stream()
                .map(line -> new Checkout.ShortItem(line.productId(), line.variantId(), line.requested(), line.available())).toList();
    }
}
