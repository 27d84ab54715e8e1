package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;

/**
 * Money went back: {@code amount} now, {@code totalRefunded} in all for the order. {@code refundReason} is the reason
 * the refund was asked for with ({@link RefundPayment#reason()}), so an asker with several refunds of one order (its
 * returns) knows which this is; null on answers that predate it.
 */
@MessageType("PaymentRefunded")
public record PaymentRefunded(String orderId, String paymentId, String refundId, BigDecimal amount, BigDecimal totalRefunded,
                              String currency, String refundReason) {

    public PaymentRefunded(String orderId, String paymentId, String refundId, BigDecimal amount, BigDecimal totalRefunded, String currency) {
        this(orderId, paymentId, refundId, amount, totalRefunded, currency, null);
    }
}
