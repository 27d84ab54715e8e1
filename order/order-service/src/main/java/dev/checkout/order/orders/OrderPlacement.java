package dev.checkout.order.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.platform.core.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import dev.checkout.order.checkout.CheckoutAdmission;
import dev.checkout.order.clients.CartHolds;
import dev.checkout.order.clients.PriceCopy;
import dev.checkout.order.clients.PricingQuotes;
import dev.checkout.order.idempotency.IdempotentRequests;
import dev.checkout.order.saga.StepBoundaries;

/**
 * Placing an order: price its lines through the catalog and the pricing service (no transaction open), then save it
 * PENDING and start its checkout saga in one transaction with its idempotency record. The client then polls the order
 * until the saga is over.
 */
@Service
public class OrderPlacement {

    private final PriceCopy prices;
    private final PricingQuotes pricing;
    private final CartHolds carts;
    private final OrderEvents events;
    private final PlaceOrderSaga saga;
    private final IdempotentRequests idempotency;
    private final CheckoutAdmission admission;
    private final Clock clock;

    OrderPlacement(PriceCopy prices, PricingQuotes pricing, CartHolds carts, OrderEvents events, PlaceOrderSaga saga, IdempotentRequests idempotency,
                   CheckoutAdmission admission, Clock clock) {
        this.prices = prices;
        this.pricing = pricing;
        this.carts = carts;
        this.events = events;
        this.saga = saga;
        this.idempotency = idempotency;
        this.admission = admission;
        this.clock = clock;
    }

    /** {@code POST /orders}' body. */
    record DirectOrderRequest(
            @NotEmpty(message = "must name at least one item") @Size(max = 100, message = "must have at most 100 items") List<@Valid @NotNull Item> items,
            @NotNull(message = "is required") @Valid ShippingAddressRequest shippingAddress,
            @NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod) {
    }

    /** {@code POST /orders/checkout}' body. */
    record CartOrderRequest(
            @NotBlank(message = "is required") @Size(max = 100) String cartId,
            @NotNull(message = "is required") @Valid ShippingAddressRequest shippingAddress,
            @NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod,
            @Size(max = 64) String couponCode) {
    }

    /** A line of {@code POST /orders}' body. */
    record Item(
            @NotBlank(message = "is required") @Size(max = 100) String productId,
            @Size(max = 100) String variantId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer quantity) {
    }

    /** A line as asked for. */
    record RequestedItem(String productId, String variantId, int quantity) {
    }

    /** The answer to a request that placed (or replays) an order. */
    record Placed(String orderId, String status, String idempotencyKey, Instant createdAt) {
    }

    /**
     * {@code POST /orders}: an order straight from a list of items, without a cart. Priced first (the price copy and
     * the pricing service; nothing is written), then the order, its saga's first command and the Idempotency-Key's
     * answer commit in one transaction.
     */
    IdempotentRequests.Response placeDirect(String userId, String customerEmail, String idempotencyKey, DirectOrderRequest request) {
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/orders", request, "order", null);
        Priced priced = price(request.items().stream()
                .map(i -> new RequestedItem(i.productId(), i.variantId(), i.quantity())).toList());
        Address address = request.shippingAddress().toAddress();
        CheckoutAdmission.Permit permit = admission.admit();
        try {
            Order.Totals totals = pricing.quote(priced.lines(), priced.currency(), address).totals();
            String orderId = Ids.newId("order");
            Instant now = clock.instant();
            var answer = new IdempotentRequests.Created(202, new Placed(orderId, OrderStatus.PENDING.name(), idempotencyKey, now), orderId);
            return idempotency.runAtOnce(keyed, answer, () -> {
                place(userId, customerEmail, null, null, priced.lines(), totals, address, request.paymentMethod().toPaymentMethod(),
                        orderId, now);
                permit.heldBy(orderId);
            });
        } finally {
            permit.release(); // unless the order was placed: then its saga holds the permit
        }
    }

    /**
     * {@code POST /orders/checkout}: an order of a cart's contents in one call. The cart is held for the order first
     * (by the order id the key was claimed with, so a retry after a crash finds its own hold); if the order then cannot
     * be placed, the hold is let go again. Stock is the saga's business.
     */
    IdempotentRequests.Response placeFromCart(String userId, String customerEmail, String bearerToken, String idempotencyKey,
                                              CartOrderRequest request) {
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/orders/checkout", request, "order",
                request.cartId());
        CheckoutAdmission.Permit permit = admission.admit();
        try {
            return idempotency.run(keyed, claim -> {
                String orderId = claim.resourceId();
                try {
                    CartHolds.Held held = carts.hold(request.cartId(), orderId, bearerToken);
                    Address address = request.shippingAddress().toAddress();
                    PricingQuotes.Quote quote = pricing.quote(held.lines(), held.currency(), address, request.couponCode(), orderId, userId);
                    return claim.complete(() -> {
                        Order order = place(userId, customerEmail, request.cartId(), null, held.lines(), quote.totals(), address,
                                request.paymentMethod().toPaymentMethod(), orderId, clock.instant());
                        permit.heldBy(orderId);
                        return new IdempotentRequests.Created(202, new Placed(order.orderId(), order.status().name(), idempotencyKey,
                                order.createdAt()), order.orderId());
                    });
                } catch (IdempotentRequests.ClaimLost lost) {
                    throw lost; // the retry that took the key over uses the hold
                } catch (CartHolds.Refused refused) {
                    throw refused; // nothing was held
                } catch (RuntimeException failed) {
                    // Held, or perhaps held (an answer that never came): let it go, or the cart stays frozen for good.
                    carts.letGo(request.cartId(), orderId, userId);
                    throw failed;
                }
            });
        } finally {
            permit.release(); // unless the order was placed: then its saga holds the permit
        }
    }

    /** Lines priced in one currency. */
    record Priced(List<Order.Line> lines, String currency) {
    }

    /** Prices every line from the price copy, or refuses the request naming every product that is not for sale. */
    Priced price(List<RequestedItem> items) {
        Map<PriceCopy.Wanted, PriceCopy.Price> prices = this.prices.pricesOf(items.stream()
                .map(item -> new PriceCopy.Wanted(item.productId(), item.variantId())).toList());
        List<Order.Line> lines = new ArrayList<>();
        List<Map<String, Object>> missing = new ArrayList<>();
        String currency = null;
        for (RequestedItem item : items) {
            PriceCopy.Price price = prices.get(new PriceCopy.Wanted(item.productId(), item.variantId()));
            if (price == null) {
                Map<String, Object> unknown = new LinkedHashMap<>();
                unknown.put("product_id", item.productId());
                unknown.put("variant_id", item.variantId());
                missing.add(unknown);
                continue;
            }
            if (currency != null && !currency.equals(price.currency())) {
                throw ApiException.unprocessable("currency_mismatch", "All items of an order must be priced in one currency");
            }
            currency = price.currency();
            lines.add(new Order.Line(item.productId(), item.variantId(), price.name(), item.quantity(), price.unitPrice()));
        }
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable("product_not_found", "Some items name products that do not exist or are not for sale")
                    .with("failed_items", missing);
        }
        return new Priced(lines, currency == null ? Money.DEFAULT_CURRENCY : currency);
    }

    /**
     * Saves a new PENDING order and starts its checkout saga, in the caller's transaction. With a checkout, the saga
     * adopts the checkout's reservation instead of reserving again.
     */
    public Order place(String userId, String customerEmail, String cartId, String checkoutId, List<Order.Line> lines,
                       Order.Totals totals, Address shippingAddress, PaymentMethod paymentMethod, String orderId, Instant placedAt) {
        Order order = Order.place(orderId, userId, customerEmail, cartId, checkoutId, lines, totals, shippingAddress,
                paymentMethod.type(), placedAt);
        events.saveNew(order);
        saga.engine().start(Ids.newId("saga"), order.orderId(), PlaceOrderSagaData.of(order, checkoutId, paymentMethod));
        StepBoundaries.orderPlaced();
        return order;
    }
}
