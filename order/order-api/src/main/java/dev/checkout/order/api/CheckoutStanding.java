package dev.checkout.order.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where a two-step checkout stands, as the order service's internal API answers it at {@link #PATH} (SERVICE role
 * only). A checkout that is paid has become {@code orderId}, which then owns what the checkout reserved.
 *
 * @param open whether the checkout still holds its reservation for the customer (not paid, expired or abandoned)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckoutStanding(String checkoutId, String status, boolean open, Instant expiresAt, String orderId, String cartId) {

    public static final String PATH = "/api/v1/internal/checkouts/{checkoutId}";

    /** The problem code of the 404 that says there is no such checkout. */
    public static final String ABSENT = "checkout_not_found";
}
