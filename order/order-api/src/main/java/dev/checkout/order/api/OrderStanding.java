package dev.checkout.order.api;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where an order stands, as the order service's internal API answers it at {@link #PATH} to other services'
 * reconciliation jobs (SERVICE role only). Read it tolerantly: members may be added.
 *
 * @param confirmedOrLater whether the order was confirmed (the saga's pivot passed): its stock stays sold and its
 *                         charge stays taken unless it is cancelled later
 * @param ended            whether the order ended without being fulfilled (FAILED or CANCELLED): nothing of it should
 *                         stay reserved or charged
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStanding(String orderId, String status, boolean confirmedOrLater, boolean ended, BigDecimal totalAmount,
                            String currency, String transactionId, String checkoutId, String cartId) {

    public static final String PATH = "/api/v1/internal/orders/{orderId}";

    /** The problem code of the 404 that says there is no such order. */
    public static final String ABSENT = "order_not_found";
}
