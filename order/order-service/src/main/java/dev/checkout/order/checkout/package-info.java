/**
 * The two-step checkout: {@link dev.checkout.order.checkout.CheckoutOpening} holds the cart and reserves its stock,
 * answering {@code POST /checkouts} from the reservation's reply ({@link dev.checkout.order.checkout.CheckoutSettlements});
 * {@link dev.checkout.order.checkout.CheckoutPayment} turns it into an order; {@link dev.checkout.order.checkout.CheckoutExpiry}
 * lets unpaid ones go. {@link dev.checkout.order.checkout.CheckoutAdmission} lets checkout work in at the door only
 * while it can be finished in time.
 */
package dev.checkout.order.checkout;
