package dev.checkout.order.checkout;

import java.time.Clock;
import java.time.Instant;

import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import dev.checkout.order.flashsale.FlashSales;
import dev.checkout.order.idempotency.IdempotentRequests;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderPlacement;

/**
 * Paying a checkout ({@code POST /checkouts/{id}/pay}): in one transaction with its Idempotency-Key record, the
 * checkout becomes PAID and its order is placed, whose saga adopts the checkout's reservation. An expired checkout is
 * refused and nothing is charged.
 */
@Service
class CheckoutPayment {

    private final Checkouts checkouts;
    private final CheckoutExpiry expiry;
    private final OrderPlacement placement;
    private final IdempotentRequests idempotency;
    private final CheckoutAdmission admission;
    private final Clock clock;

    CheckoutPayment(Checkouts checkouts, CheckoutExpiry expiry, OrderPlacement placement, IdempotentRequests idempotency,
                    CheckoutAdmission admission, Clock clock) {
        this.checkouts = checkouts;
        this.expiry = expiry;
        this.placement = placement;
        this.idempotency = idempotency;
        this.admission = admission;
        this.clock = clock;
    }

    /** The answer to paying a checkout. */
    record Paid(String orderId, String status, String checkoutId, String idempotencyKey, Instant createdAt) {
    }

    IdempotentRequests.Response pay(String userId, String customerEmail, String idempotencyKey, String checkoutId,
                                    PaymentMethod paymentMethod, Object request) {
        // A flash sale's hold is bought with its purchase token (FlashSaleOrdering), never paid as a checkout.
        Checkout found = checkouts.find(checkoutId).filter(c -> c.userId().equals(userId) && !FlashSales.isHold(c))
                .orElseThrow(() -> ApiException.notFound("Checkout", checkoutId));
        if (expiry.expireIfOverdue(found.checkoutId())) {
            throw expired(checkoutId);
        }
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/checkouts/" + checkoutId + "/pay",
                request, "order", null);
        CheckoutAdmission.Permit permit = admission.admit();
        try {
            return pay(keyed, userId, customerEmail, idempotencyKey, checkoutId, paymentMethod, permit);
        } finally {
            permit.release(); // unless the order was placed: then its saga holds the permit
        }
    }

    private IdempotentRequests.Response pay(IdempotentRequests.Request keyed, String userId, String customerEmail, String idempotencyKey,
                                            String checkoutId, PaymentMethod paymentMethod, CheckoutAdmission.Permit permit) {
        return idempotency.run(keyed, claim -> claim.complete(() -> {
            Checkout checkout = checkouts.lock(checkoutId).orElseThrow();
            String orderId = claim.resourceId();
            try {
                checkout.paidBy(orderId, clock.instant());
            } catch (Checkout.Expired e) {
                throw expired(checkoutId);
            } catch (Checkout.AlreadyPaid e) {
                throw ApiException.conflict("checkout_already_paid", "Checkout " + checkoutId + " was already paid")
                        .with("order_id", e.orderId);
            } catch (Checkout.NotPayable e) {
                throw e.status == Checkout.Status.RESERVING
                        ? ApiException.conflict("checkout_not_ready", "Stock is still being reserved for checkout " + checkoutId)
                        : ApiException.conflict("checkout_failed", "Checkout " + checkoutId + " could not reserve its stock")
                        .with("failed_items", checkout.failedItems());
            }
            checkouts.update(checkout);
            Order order = placement.place(userId, customerEmail, checkout.cartId(), checkout.checkoutId(), checkout.lines(), checkout.totals(),
                    checkout.shippingAddress(), paymentMethod, orderId, clock.instant());
            permit.heldBy(orderId);
            return new IdempotentRequests.Created(202,
                    new Paid(order.orderId(), order.status().name(), checkoutId, idempotencyKey, order.createdAt()), order.orderId());
        }));
    }

    private static ApiException expired(String checkoutId) {
        return ApiException.conflict("checkout_expired", "Checkout " + checkoutId + " expired; its stock was released and nothing was charged");
    }
}
