package dev.checkout.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cart settings ({@code checkout.cart.*}).
 *
 * @param maxQuantityPerItem   the most units of one product (and variant) a cart may hold
 * @param guestIdleExpiry      how long a guest cart may sit unchanged before it expires
 * @param reminderAfter        how long a user's cart with items may sit unchanged before its one reminder goes out
 * @param hotCopyTtl           how long an unchanged cart stays in Redis; after that it is read back from PostgreSQL
 * @param housekeepingInterval how often the expiry and abandonment jobs look for carts (a reminder goes out within one
 *                             interval after {@code reminderAfter}); seconds are fine
 * @param heldCheckAfter       how long a cart may stay CHECKED_OUT unchanged before the order service is asked whether
 *                             its holder still exists (longer than placing an order takes, hold to saved order)
 * @param heldCheckInterval    how often carts held that long are checked
 */
@ConfigurationProperties("checkout.cart")
record CartProperties(
        @DefaultValue("10") int maxQuantityPerItem,
        @DefaultValue("P30D") Duration guestIdleExpiry,
        @DefaultValue("PT1H") Duration reminderAfter,
        @DefaultValue("P30D") Duration hotCopyTtl,
        @DefaultValue("PT1M") Duration housekeepingInterval,
        @DefaultValue("PT5M") Duration heldCheckAfter,
        @DefaultValue("PT1M") Duration heldCheckInterval) {

    CartProperties {
        if (maxQuantityPerItem < 1) {
            throw new IllegalArgumentException("checkout.cart.max-quantity-per-item must be at least 1");
        }
    }
}
