package dev.checkout.cart;

import java.time.Clock;
import java.util.List;
import java.util.function.BiPredicate;

import dev.checkout.cart.CartServiceConfiguration.CartMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A cart follows its order by choreography: the order service never calls the cart about it. An order placed from a
 * cart holds it (CHECKED_OUT); the order confirmed converts it; the order failed or cancelled before confirmation, or the
 * checkout expired before an order was placed, gives it back ACTIVE. Events about another holder than the one holding
 * the cart change nothing. Direct orders carry no cart: their events are dropped before any transaction.
 */
@Component
class CartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CartLifecycle.class);

    private final CartMessaging messaging;
    private final CartStore store;
    private final Clock clock;
    private final MessageRoutes routes;

    CartLifecycle(CartMessaging messaging, CartStore store, Clock clock) {
        this.messaging = messaging;
        this.store = store;
        this.clock = clock;
        this.routes = MessageRoutes.builder()
                .on(OrderPlaced.class, placed -> placed.cartId() != null, (placed, message) ->
                        apply(placed.cartId(), placed.orderId(), "placed", (cart, order) -> cart.orderPlaced(order, clock.instant())))
                .on(OrderConfirmed.class, confirmed -> confirmed.cartId() != null, (confirmed, message) ->
                        apply(confirmed.cartId(), confirmed.orderId(), "confirmed", (cart, order) -> cart.orderConfirmed(order, clock.instant())))
                .on(OrderFailed.class, failed -> failed.cartId() != null, (failed, message) ->
                        apply(failed.cartId(), failed.orderId(), "failed", (cart, order) -> cart.orderEnded(order, clock.instant())))
                .on(OrderCancelled.class, cancelled -> cancelled.cartId() != null, (cancelled, message) ->
                        apply(cancelled.cartId(), cancelled.orderId(), "cancelled", (cart, order) -> cart.orderEnded(order, clock.instant())))
                .on(CheckoutExpired.class, expired -> expired.cartId() != null, (expired, message) ->
                        apply(expired.cartId(), expired.checkoutId(), "expired", (cart, checkout) -> cart.checkoutExpired(checkout, clock.instant())))
                .build();
    }

    @KafkaListener(id = "cart-order-events", groupId = "cart-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", routes);
    }

    /** Runs in the message's transaction: the cart's row is locked, changed, saved; Redis gets it after the commit. */
    private void apply(String cartId, String holderId, String what, BiPredicate<Cart, String> change) {
        if (cartId == null || holderId == null) {
            return;
        }
        store.lock(cartId).ifPresentOrElse(cart -> {
            CartStatus before = cart.status();
            if (change.test(cart, holderId)) {
                store.save(cart);
                log.info("cart {}: {} {} → {}", cartId, holderId, what, cart.status());
            } else {
                log.info("cart {} is {} (held by {}): {} {} changes nothing", cartId, before, cart.holderId(), holderId, what);
            }
        }, () -> log.warn("{} {} names cart {}, which does not exist", holderId, what, cartId));
    }
}
