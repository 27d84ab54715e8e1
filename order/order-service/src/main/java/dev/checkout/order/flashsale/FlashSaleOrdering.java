package dev.checkout.order.flashsale;

import java.time.Clock;

import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.checkout.CheckoutAdmission;
import dev.checkout.order.checkout.CheckoutExpiry;
import dev.checkout.order.checkout.Checkouts;
import dev.checkout.order.clients.PricingQuotes;
import dev.checkout.order.idempotency.IdempotentRequests;
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderPlacement;

/**
 * Buying with a purchase token ({@code POST /flash-sales/{id}/orders}): the paid two-step checkout's path. In one
 * transaction with the Idempotency-Key's record the token's hold becomes PAID and the order is placed at the sale
 * price, its saga adopting the hold's reservation. A token is used once, by its own customer, while it lives; with one
 * ticket per customer and sale, that keeps every customer within the sale's limit across tickets, orders and retries.
 */
@Service
class FlashSaleOrdering {

    private final FlashSaleCatalog catalog;
    private final FlashSales sales;
    private final Checkouts checkouts;
    private final CheckoutExpiry expiry;
    private final PricingQuotes pricing;
    private final OrderPlacement placement;
    private final IdempotentRequests idempotency;
    private final CheckoutAdmission admission;
    private final Clock clock;

    FlashSaleOrdering(FlashSaleCatalog catalog, FlashSales sales, Checkouts checkouts, CheckoutExpiry expiry, PricingQuotes pricing,
                      OrderPlacement placement, IdempotentRequests idempotency, CheckoutAdmission admission, Clock clock) {
        this.catalog = catalog;
        this.sales = sales;
        this.checkouts = checkouts;
        this.expiry = expiry;
        this.pricing = pricing;
        this.placement = placement;
        this.idempotency = idempotency;
        this.admission = admission;
        this.clock = clock;
    }

    IdempotentRequests.Response order(String userId, String customerEmail, String idempotencyKey, String flashSaleId,
                                      String purchaseToken, Address address, PaymentMethod paymentMethod, Object request) {
        catalog.sale(flashSaleId);
        FlashSales.Ticket ticket = sales.ticketByToken(purchaseToken).filter(t -> t.flashSaleId().equals(flashSaleId))
                .orElseThrow(() -> ApiException.unprocessable("token_invalid", "This purchase token was not issued for flash sale " + flashSaleId));
        if (!ticket.userId().equals(userId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "This purchase token was issued to another customer");
        }
        String holdId = ticket.checkoutId();
        if (expiry.expireIfOverdue(holdId)) {
            throw expired();
        }
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/flash-sales/" + flashSaleId + "/orders",
                request, "order", null);
        // Admission let this customer in against the door's room: a refusal here would only run its token down.
        CheckoutAdmission.Permit permit = admission.admitInvited();
        try {
            return idempotency.run(keyed, claim -> {
                Checkout hold = checkouts.find(holdId).orElseThrow();
                PricingQuotes.Quote quote = pricing.quote(hold.lines(), hold.totals().currency(), address);
                return claim.complete(() -> {
                    Checkout locked = checkouts.lock(holdId).orElseThrow();
                    String orderId = claim.resourceId();
                    try {
                        locked.paidBy(orderId, clock.instant());
                    } catch (Checkout.Expired e) {
                        throw expired();
                    } catch (Checkout.AlreadyPaid e) {
                        throw ApiException.conflict("token_used", "This purchase token was already used").with("order_id", e.orderId);
                    } catch (Checkout.NotPayable e) {
                        throw e.status == Checkout.Status.RESERVING
                                ? ApiException.conflict("token_not_ready", "The units of this token are still being reserved")
                                : expired();
                    }
                    checkouts.update(locked);
                    Order order = placement.place(userId, customerEmail, null, holdId, locked.lines(), quote.totals(), address,
                            paymentMethod, orderId, clock.instant());
                    permit.heldBy(orderId);
                    return new IdempotentRequests.Created(202, new Placed(order.orderId(), order.status().name()), order.orderId());
                });
            });
        } finally {
            permit.release(); // unless the order was placed: then its saga holds the permit
        }
    }

    /** The answer to an order placed with a purchase token. */
    record Placed(String orderId, String status) {
    }

    private static ApiException expired() {
        return ApiException.conflict("token_expired", "This purchase token expired; its units went to the next customer in line");
    }
}
