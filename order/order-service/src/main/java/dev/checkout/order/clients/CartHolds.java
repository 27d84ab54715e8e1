package dev.checkout.order.clients;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.cart.api.CartHold;
import dev.checkout.cart.api.CartRelease;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.InternalApi;
import dev.checkout.platform.web.ServiceUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.orders.Order;

/**
 * Takes a cart's contents for checkout through the cart service's API ({@code POST /api/v1/carts/{id}/checkout}),
 * on the customer's behalf (their bearer token): the cart is frozen, held by the checkout or order, and its lines
 * come back at the prices in force now (sale windows applied from the {@link PriceCopy}).
 */
@Component
public class CartHolds {

    private static final Logger log = LoggerFactory.getLogger(CartHolds.class);

    private final ServiceCalls calls;
    private final InternalApi internal;
    private final OrderMessaging messaging;
    private final TransactionTemplate separateTransactions;
    private final Clock clock;
    private final ServiceUrls urls;
    private final JsonMapper json;
    private final PriceCopy prices;

    CartHolds(ServiceCalls calls, InternalApi internal, ServiceUrls urls, JsonMapper json, PriceCopy prices, OrderMessaging messaging,
              PlatformTransactionManager transactionManager, Clock clock) {
        this.calls = calls;
        this.internal = internal;
        this.messaging = messaging;
        this.separateTransactions = new TransactionTemplate(transactionManager);
        this.separateTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.urls = urls;
        this.json = json;
        this.prices = prices;
    }

    /** A held cart's lines at today's prices, with what changed since they were added. */
    public record Held(List<Order.Line> lines, String currency, List<Checkout.PriceChange> priceChanges, List<Checkout.Warning> warnings) {
    }

    /**
     * Holds the cart for {@code holderId}. A {@link Refused} means nothing was held; any other failure (the cart service
     * unreachable, an answer that never came) may have left the cart held, so the caller must let it go.
     */
    public Held hold(String cartId, String holderId, String bearerToken) {
        CartHold.HeldCart cart;
        try {
            cart = calls.http().post().uri(urls.of("cart") + CartHold.PATH, cartId)
                    .header("Authorization", bearerToken)
                    .body(new CartHold.Request(holderId)).retrieve().body(CartHold.HeldCart.class);
        } catch (HttpClientErrorException e) {
            throw refusal(cartId, e);
        } catch (RestClientException e) {
            throw ServiceCalls.unavailable("cart");
        }
        List<CartHold.Item> items = cart == null || cart.items() == null ? List.of() : cart.items();
        Map<PriceCopy.Wanted, PriceCopy.Price> inForce = pricesInForce(items);
        List<Order.Line> lines = new ArrayList<>();
        List<Checkout.PriceChange> priceChanges = new ArrayList<>();
        for (CartHold.Item item : items) {
            PriceCopy.Price now = inForce.get(new PriceCopy.Wanted(item.productId(), item.variantId()));
            BigDecimal price = Money.of(now != null ? now.unitPrice() : item.unitPrice());
            lines.add(new Order.Line(item.productId(), item.variantId(), item.name(), item.quantity(), price));
            if (item.priceAtAddition() != null && Money.of(item.priceAtAddition()).compareTo(price) != 0) {
                priceChanges.add(new Checkout.PriceChange(item.productId(), item.variantId(), Money.of(item.priceAtAddition()), price));
            }
        }
        if (lines.isEmpty()) {
            throw ApiException.unprocessable("cart_empty", "The cart " + cartId + " has no items to check out");
        }
        List<Checkout.Warning> warnings = cart.warnings() == null ? List.of()
                : cart.warnings().stream().map(w -> new Checkout.Warning(w.code(), w.productId(), w.message())).toList();
        return new Held(lines, cart.currency() == null ? "USD" : cart.currency(), priceChanges, warnings);
    }

    /**
     * The cart was held for a checkout or an order ({@code holderId}) that never came to be: let it go again, for sure
     * (a {@code CheckoutExpired} event, committed here on its own, which the cart acts on) and at once if the cart service
     * answers ({@link CartRelease}), so the customer's next try (a coupon corrected, say) finds the cart free rather
     * than still held until the event arrives. Only that holder's hold, with no order placed from it, is let go.
     */
    public void letGo(String cartId, String holderId, String userId) {
        separateTransactions.executeWithoutResult(status -> messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, holderId,
                new CheckoutExpired(holderId, userId, cartId, clock.instant()))));
        try {
            internal.post("cart", CartRelease.PATH, new CartRelease.Request(holderId), CartRelease.Answer.class, cartId);
        } catch (RuntimeException e) {
            log.info("cart {} not given back by {} at once ({}); its expiry event will", cartId, holderId, e.toString());
        }
    }

    /**
     * The price in force now of each item, sale windows applied (the cart's copy prices as of the catalog's last event,
     * so a sale that began or ended since would be missed); never from an older catalog version than the cart's.
     * An item absent here keeps the cart's price.
     */
    private Map<PriceCopy.Wanted, PriceCopy.Price> pricesInForce(List<CartHold.Item> items) {
        Map<String, Long> versions = new HashMap<>();
        items.stream().filter(i -> i.catalogVersion() != null).forEach(i -> versions.merge(i.productId(), i.catalogVersion(), Math::max));
        return prices.pricesOf(items.stream().map(i -> new PriceCopy.Wanted(i.productId(), i.variantId())).toList(), versions);
    }

    /** The cart service refused to hold the cart: nothing is held, so there is nothing to let go. */
    public static final class Refused extends ApiException {
        Refused(HttpStatus status, String code, String detail) {
            super(status, code, detail);
        }
    }

    /** The cart service's refusal, passed on to the client with its code. */
    private ApiException refusal(String cartId, HttpClientErrorException e) {
        if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
            return new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "cart_not_found", "There is no cart " + cartId + " of yours");
        }
        CartHold.Refusal problem = ServiceCalls.problem(json, e, CartHold.Refusal.class, new CartHold.Refusal(null, null, null, null, null));
        ApiException refusal = new Refused(HttpStatus.valueOf(e.getStatusCode().value()),
                problem.code() == null || problem.code().isEmpty() ? "cart_refused" : problem.code(),
                problem.detail() == null ? "The cart cannot be checked out" : problem.detail());
        if (problem.orderId() != null) {
            refusal.with("order_id", problem.orderId());
        }
        if (problem.holderId() != null) {
            refusal.with("holder_id", problem.holderId());
        }
        if (problem.errors() != null) {
            refusal.with("errors", problem.errors());
        }
        return refusal;
    }
}
