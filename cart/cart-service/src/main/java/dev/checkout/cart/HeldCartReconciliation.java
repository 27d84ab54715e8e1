package dev.checkout.cart;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.checkout.order.api.CheckoutStanding;
import dev.checkout.order.api.OrderStanding;
import dev.checkout.order.api.Standings;
import dev.checkout.platform.core.JobLocks;
import dev.checkout.platform.web.InternalApi;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Gives back carts whose holder is gone. A cart is CHECKED_OUT by the order service before the order or checkout
 * holding it is saved; when that request dies in between (a timeout after the hold committed, a crash), no event ever
 * names the cart again and the customer could never check out. So carts held unchanged for a while are checked against
 * the order service's standings, a page at a time: a holder it does not know, or that ended (failed, cancelled,
 * expired unpaid), releases the cart; a live or confirmed one leaves it to the order events.
 */
@Component
class HeldCartReconciliation {

    private static final Logger log = LoggerFactory.getLogger(HeldCartReconciliation.class);
    private static final int PAGE = Math.min(200, Standings.MAX_IDS);

    private final Carts carts;
    private final CartStore store;
    private final InternalApi services;
    private final CartProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HeldCartReconciliation(Carts carts, CartStore store, InternalApi services, CartProperties properties,
                           TransactionTemplate transactions, Clock clock) {
        this.carts = carts;
        this.store = store;
        this.services = services;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.cart.held-check-interval:PT1M}", initialDelayString = "${checkout.cart.held-check-interval:PT1M}")
    @SchedulerLock(name = "cart-held-reconciliation", lockAtMostFor = JobLocks.HOLD_TEXT)
    void releaseCartsWhoseHolderIsGone() {
        Instant unchangedSince = clock.instant().minus(properties.heldCheckAfter());
        List<Cart> held = carts.heldSince(unchangedSince, PAGE);
        if (held.isEmpty()) {
            return;
        }
        Standings standings;
        try {
            standings = services.post("order", Standings.PATH, query(held), Standings.class);
        } catch (RestClientException e) {
            log.warn("held carts not checked: the order service could not be asked ({})", e.getMessage());
            return;
        }
        int released = 0;
        for (Cart cart : held) {
            JobLocks.stillWorking();
            if (holderGone(cart, standings) && release(cart.cartId(), cart.holderId(), unchangedSince)) {
                released++;
            }
        }
        if (released > 0) {
            log.warn("released {} cart(s) whose holder the order service does not know or that ended", released);
        }
    }

    /** The cart does not say whether its holder is an order or a checkout: its id is asked about as both. */
    private static Standings.Query query(List<Cart> held) {
        Set<String> ids = new HashSet<>();
        held.forEach(cart -> {
            ids.add(cart.holderId());
            if (cart.orderId() != null) {
                ids.add(cart.orderId());
            }
        });
        return new Standings.Query(List.copyOf(ids), List.copyOf(ids));
    }

    static boolean holderGone(Cart cart, Standings standings) {
        Map<String, OrderStanding> orders = byId(standings.orders(), OrderStanding::orderId);
        Map<String, CheckoutStanding> checkouts = byId(standings.checkouts(), CheckoutStanding::checkoutId);
        List<String> orderIds = new ArrayList<>();
        if (cart.orderId() != null) {
            orderIds.add(cart.orderId());
        }
        orderIds.add(cart.holderId());
        for (String orderId : orderIds) {
            OrderStanding order = orders.get(orderId);
            if (order != null) {
                return order.ended();
            }
        }
        CheckoutStanding checkout = checkouts.get(cart.holderId());
        if (checkout != null) {
            return !checkout.open() && checkout.orderId() == null; // paid: its order's events will come
        }
        return true;
    }

    private boolean release(String cartId, String holderId, Instant unchangedSince) {
        return Boolean.TRUE.equals(transactions.execute(status -> store.lock(cartId)
                .filter(cart -> cart.holderGone(holderId, unchangedSince, clock.instant()))
                .map(cart -> {
                    store.save(cart);
                    log.info("cart {}: holder {} is gone → {}", cartId, holderId, cart.status());
                    return true;
                }).orElse(false)));
    }

    private static <T> Map<String, T> byId(List<T> standings, Function<T, String> id) {
        return standings == null ? Map.of() : standings.stream().collect(Collectors.toMap(id, standing -> standing, (a, b) -> a));
    }
}
