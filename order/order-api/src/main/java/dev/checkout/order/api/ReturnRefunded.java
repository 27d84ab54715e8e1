package dev.checkout.order.api;

import java.math.BigDecimal;
import java.time.Instant;

import dev.checkout.platform.contracts.MessageType;

/** The refund of a customer's return was made ({@code amount} of it), on {@code order-events}. */
@MessageType("ReturnRefunded")
public record ReturnRefunded(String orderId, String returnId, String userId, BigDecimal amount, String currency, Instant at) {
}
