package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** A two-step checkout ran past its {@code expires_at} without being paid; its stock is released and its cart free again. */
@MessageType("CheckoutExpired")
public record CheckoutExpired(String checkoutId, String userId, String cartId, Instant expiredAt) {
}
