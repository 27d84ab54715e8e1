package dev.checkout.fulfillment.api;

import java.util.List;
import java.util.Map;

/** Pick and ship a confirmed order's lines. Idempotent per order: one pick list per order. */
public record RequestFulfillment(String orderId, String orderNumber, List<Line> lines, Map<String, Object> shippingAddress) {

    public record Line(String productId, String variantId, int quantity) {
    }
}
