package dev.checkout.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.checkout.payment.api.PaymentMethod;

/** What the checkout saga carries from step to step. Persisted as JSON with the saga's state. */
public record PlaceOrderSagaData(
        String orderId,
        String userId,
        String checkoutId,
        List<Item> items,
        BigDecimal total,
        String currency,
        PaymentMethod paymentMethod,
        String reservationId,
        Instant reservedUntil,
        String paymentId,
        String transactionId) {

    record Item(String productId, String variantId, int quantity) {
    }

    public static PlaceOrderSagaData of(Order order, String checkoutId, PaymentMethod paymentMethod) {
        return new PlaceOrderSagaData(order.orderId(), order.userId(), checkoutId,
                order.lines().stream().map(l -> new Item(l.productId(), l.variantId(), l.quantity())).toList(),
                order.totals().total(), order.totals().currency(), paymentMethod, null, null, null, null);
    }

    PlaceOrderSagaData reserved(String reservationId, Instant until) {
        return new PlaceOrderSagaData(orderId, userId, checkoutId, items, total, currency, paymentMethod, reservationId, until, paymentId, transactionId);
    }

    PlaceOrderSagaData paid(String paymentId, String transactionId) {
        return new PlaceOrderSagaData(orderId, userId, checkoutId, items, total, currency, paymentMethod, reservationId, reservedUntil, paymentId, transactionId);
    }
}
