package dev.checkout.cart;

/**
 * Where a cart is in its life: ACTIVE (editable) → CHECKED_OUT (a checkout or order holds it; items frozen) →
 * CONVERTED (its order confirmed) or back to ACTIVE (the checkout expired, the order failed); a guest cart merged into a
 * user's ends MERGED, an idle guest cart EXPIRED.
 */
enum CartStatus {
    ACTIVE, CHECKED_OUT, CONVERTED, MERGED, EXPIRED
}
