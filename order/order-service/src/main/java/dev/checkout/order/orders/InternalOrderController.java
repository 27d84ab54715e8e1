package dev.checkout.order.orders;

import java.util.List;

import dev.checkout.order.api.CheckoutStanding;
import dev.checkout.order.api.OrderStanding;
import dev.checkout.order.api.Standings;
import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import dev.checkout.order.checkout.Checkout;

/**
 * What other services' reconciliation jobs may ask about an order or a checkout ({@code /api/v1/internal/**}, SERVICE
 * role only): whether it is alive, and what it amounts to.
 */
@RestController
class InternalOrderController {

    private final OrderQueries queries;

    InternalOrderController(OrderQueries queries) {
        this.queries = queries;
    }

    @GetMapping(OrderStanding.PATH)
    OrderStanding order(@PathVariable String orderId) {
        return queries.orderForService(orderId).map(InternalOrderController::standing).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, OrderStanding.ABSENT, "Order " + orderId + " does not exist"));
    }

    @GetMapping(CheckoutStanding.PATH)
    CheckoutStanding checkout(@PathVariable String checkoutId) {
        return queries.checkoutForService(checkoutId).map(InternalOrderController::standing).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, CheckoutStanding.ABSENT, "Checkout " + checkoutId + " does not exist"));
    }

    /** Many at once, for a reconciliation's page: two queries whatever the number of ids. */
    @PostMapping(Standings.PATH)
    Standings standings(@RequestBody Standings.Query query) {
        List<String> orderIds = query.orderIds() == null ? List.of() : query.orderIds();
        List<String> checkoutIds = query.checkoutIds() == null ? List.of() : query.checkoutIds();
        if (orderIds.size() > Standings.MAX_IDS || checkoutIds.size() > Standings.MAX_IDS) {
            throw ApiException.badRequest("validation_failed", "Ask about at most " + Standings.MAX_IDS + " orders and checkouts at once");
        }
        return new Standings(queries.ordersForService(orderIds).stream().map(InternalOrderController::standing).toList(),
                queries.checkoutsForService(checkoutIds).stream().map(InternalOrderController::standing).toList());
    }

    private static OrderStanding standing(Order order) {
        return new OrderStanding(order.orderId(), order.status().name(), order.status().isConfirmedOrLater(),
                order.status() == OrderStatus.FAILED || order.status() == OrderStatus.CANCELLED, order.totals().total(),
                order.totals().currency(), order.transactionId(), order.checkoutId(), order.cartId());
    }

    private static CheckoutStanding standing(Checkout checkout) {
        boolean open = checkout.status() == Checkout.Status.RESERVING || checkout.status() == Checkout.Status.RESERVED;
        return new CheckoutStanding(checkout.checkoutId(), checkout.status().name(), open, checkout.expiresAt(),
                checkout.orderId(), checkout.cartId());
    }
}
