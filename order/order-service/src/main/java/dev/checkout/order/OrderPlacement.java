package dev.checkout.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Placing an order: price its lines through the catalog and the pricing service (no transaction open), then save it
 * PENDING and start its checkout saga in one transaction with its idempotency record. The client then polls the order
 * until the saga is over.
 */
@Service
class OrderPlacement {

    private final CatalogPrices catalog;
    private final PricingQuotes pricing;
    private final CartHolds carts;
    private final OrderMessaging messaging;
    private final TransactionTemplate separateTransactions;
    private final OrderEvents events;
    private final CheckoutSaga saga;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    OrderPlacement(CatalogPrices catalog, PricingQuotes pricing, CartHolds carts, OrderMessaging messaging,
                   PlatformTransactionManager transactionManager, OrderEvents events, CheckoutSaga saga, IdempotentRequests idempotency,
                   Clock clock) {
        this.catalog = catalog;
        this.pricing = pricing;
        this.carts = carts;
        this.messaging = messaging;
        this.separateTransactions = new TransactionTemplate(transactionManager);
        this.separateTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.saga = saga;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** A line as asked for. */
    record RequestedItem(String productId, String variantId, int quantity) {
    }

    /** The answer to a request that placed (or replays) an order. */
    record Placed(String orderId, String status, String idempotencyKey, Instant createdAt) {
    }

    /** {@code POST /orders}: an order straight from a list of items, without a cart. */
    IdempotentRequests.Response placeDirect(String userId, String idempotencyKey, OrderController.DirectOrderRequest request) {
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/orders", request, "order", null);
        return idempotency.run(keyed, claim -> {
            Priced priced = price(request.items().stream()
                    .map(i -> new RequestedItem(i.productId(), i.variantId(), i.quantity())).toList());
            Map<String, Object> address = request.shippingAddress().asMap();
            Order.Totals totals = pricing.quote(priced.lines(), priced.currency(), address, null).totals();
            return claim.complete(() -> {
                Order order = place(userId, null, null, priced.lines(), totals, address, request.paymentMethod().toPaymentMethod(),
                        claim.resourceId());
                return new IdempotentRequests.Created(202, new Placed(order.orderId(), order.status().name(), idempotencyKey,
                        order.createdAt()), order.orderId());
            });
        });
    }

    /**
     * {@code POST /orders/checkout}: an order of a cart's contents in one call. The cart is held for the order first
     * (by the order id the key was claimed with, so a retry after a crash finds its own hold); if the order then cannot
     * be placed, the hold is let go again. Stock is the saga's business.
     */
    IdempotentRequests.Response placeFromCart(String userId, String bearerToken, String idempotencyKey,
                                              OrderController.CartOrderRequest request) {
        var keyed = new IdempotentRequests.Request(userId, idempotencyKey, "POST", "/api/v1/orders/checkout", request, "order",
                request.cartId());
        return idempotency.run(keyed, claim -> {
            String orderId = claim.resourceId();
            CartHolds.Held held = carts.hold(request.cartId(), orderId, bearerToken);
            try {
                Map<String, Object> address = request.shippingAddress().asMap();
                PricingQuotes.Quote quote = pricing.quote(held.lines(), held.currency(), address, request.couponCode());
                return claim.complete(() -> {
                    Order order = place(userId, request.cartId(), null, held.lines(), quote.totals(), address,
                            request.paymentMethod().toPaymentMethod(), orderId);
                    return new IdempotentRequests.Created(202, new Placed(order.orderId(), order.status().name(), idempotencyKey,
                            order.createdAt()), order.orderId());
                });
            } catch (IdempotentRequests.ClaimLost lost) {
                throw lost; // the retry that took the key over uses the hold
            } catch (RuntimeException failed) {
                releaseCart(orderId, userId, request.cartId());
                throw failed;
            }
        });
    }

    /** The cart was held for an order that was never placed: let it go again. */
    void releaseCart(String orderId, String userId, String cartId) {
        separateTransactions.executeWithoutResult(status -> messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, orderId,
                new CheckoutExpired(orderId, userId, cartId, clock.instant()))));
    }

    /** Lines priced in one currency. */
    record Priced(List<Order.Line> lines, String currency) {
    }

    /** Prices every line, or refuses the request naming every product that does not exist. */
    Priced price(List<RequestedItem> items) {
        List<Order.Line> lines = new ArrayList<>();
        List<Map<String, Object>> missing = new ArrayList<>();
        String currency = null;
        for (RequestedItem item : items) {
            Optional<CatalogPrices.Price> price = catalog.priceOf(item.productId(), item.variantId());
            if (price.isEmpty()) {
                Map<String, Object> unknown = new LinkedHashMap<>();
                unknown.put("product_id", item.productId());
                unknown.put("variant_id", item.variantId());
                missing.add(unknown);
                continue;
            }
            if (currency != null && !currency.equals(price.get().currency())) {
                throw ApiException.unprocessable("currency_mismatch", "All items of an order must be priced in one currency");
            }
            currency = price.get().currency();
            lines.add(new Order.Line(item.productId(), item.variantId(), price.get().name(), item.quantity(), Money.of(price.get().unitPrice())));
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
    Order place(String userId, String cartId, String checkoutId, List<Order.Line> lines, Order.Totals totals,
                Map<String, Object> shippingAddress, PaymentMethod paymentMethod, String orderId) {
        Order order = Order.place(orderId != null ? orderId : Ids.newId("order"), userId, cartId, checkoutId, lines, totals,
                shippingAddress, paymentMethod.type(), clock.instant());
        events.saveNew(order);
        saga.engine().start(Ids.newId("saga"), order.orderId(), CheckoutSagaData.of(order, checkoutId, paymentMethod));
        StepBoundaries.orderPlaced();
        return order;
    }
}
