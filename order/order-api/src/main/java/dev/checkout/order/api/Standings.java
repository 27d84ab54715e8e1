package dev.checkout.order.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where several orders and checkouts stand, asked in one call at {@link #PATH} ({@code POST} of a {@link Query},
 * SERVICE role only): what reconciliation jobs check a page of reservations or charges against. Ids that name nothing
 * are left out of the answer. Read it tolerantly: members may be added.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Standings(List<OrderStanding> orders, List<CheckoutStanding> checkouts) {

    public static final String PATH = "/api/v1/internal/standings";

    /** The most ids of each kind one query may name. */
    public static final int MAX_IDS = 500;

    /** The orders and checkouts asked about. */
    public record Query(List<String> orderIds, List<String> checkoutIds) {
    }
}
