package dev.checkout.cart.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's cart has items and has not changed for longer than the abandonment threshold; published once per cart, so
 * a notification service can send one reminder.
 *
 * @param subtotal what the items cost at the prices locked in when they were added
 */
@MessageType("CartAbandoned")
public record CartAbandoned(String cartId, String userId, List<Line> lines, BigDecimal subtotal, String currency,
                            Instant lastActivityAt, Instant detectedAt) {

    /** One item of the abandoned cart. */
    public record Line(String productId, String variantId, String name, int quantity, BigDecimal unitPrice) {
    }
}
