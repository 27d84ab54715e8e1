package dev.checkout.order;

import dev.checkout.order.api.CheckoutStanding;
import dev.checkout.order.api.OrderStanding;
import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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
        Order order = queries.orderForService(orderId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, OrderStanding.ABSENT, "Order " + orderId + " does not exist"));
        return new OrderStanding(order.orderId(), order.status().name(), order.status().isConfirmedOrLater(),
                order.status() == OrderStatus.FAILED || order.status() == OrderStatus.CANCELLED, order.totals().total(),
                order.totals().currency(), order.transactionId(), order.checkoutId(), order.cartId());
    }

    @GetMapping(CheckoutStanding.PATH)
    CheckoutStanding checkout(@PathVariable String checkoutId) {
        Checkout checkout = queries.checkoutForService(checkoutId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, CheckoutStanding.ABSENT, "Checkout " + checkoutId + " does not exist"));
        boolean open = checkout.status() == Checkout.Status.RESERVING || checkout.status() == Checkout.Status.RESERVED;
        return new CheckoutStanding(checkout.checkoutId(), checkout.status().name(), open, checkout.expiresAt(),
                checkout.orderId(), checkout.cartId());
    }
}
