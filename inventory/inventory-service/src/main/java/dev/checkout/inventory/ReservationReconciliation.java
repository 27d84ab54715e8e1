package dev.checkout.inventory;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.order.api.CheckoutStanding;
import dev.checkout.order.api.OrderStanding;
import dev.checkout.order.api.Standings;
import dev.checkout.platform.web.InternalApi;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Checks pending reservations against the orders and checkouts that hold them, every
 * {@code checkout.inventory.reconciliation.interval}, on one instance at a time. The saga keeps the two in step; this
 * repairs what a lost message or an operator's hand left behind, without waiting for the reservation's time to run
 * out: a reservation whose owner does not exist or ended (an order FAILED or CANCELLED, a checkout EXPIRED or FAILED,
 * a paid checkout whose order ended) is released; one whose order is CONFIRMED or later is confirmed. Reservations
 * younger than {@code grace} are left to the saga still at work on them. The order service is the authority and is
 * asked through its internal API, a page of owners at a time; when it cannot be asked, the run stops and the next one
 * starts over. A repair takes its locks as the expiry job does (stock rows, then the reservation unless a command holds
 * it: see {@link StockReservations#repair}); a reservation busy now is looked at again by the next run.
 */
@Component
class ReservationReconciliation {

    private static final Logger log = LoggerFactory.getLogger(ReservationReconciliation.class);
    private static final int PAGE = 200;
    static final String REASON = "reconciliation";

    private final Reservations reservations;
    private final StockReservations stock;
    private final InternalApi services;
    private final InventoryProperties.Reconciliation settings;
    private final MeterRegistry meters;
    private final Clock clock;

    ReservationReconciliation(Reservations reservations, StockReservations stock, InternalApi services, InventoryProperties properties,
                              MeterRegistry meters, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.services = services;
        this.settings = properties.reconciliation();
        this.meters = meters;
        this.clock = clock;
    }

    /** What one run did. */
    record Summary(int looked, int released, int confirmed) {
    }

    private enum Verdict { KEEP, RELEASE, CONFIRM }

    @Scheduled(fixedDelayString = "${checkout.inventory.reconciliation.interval:PT1M}",
            initialDelayString = "${checkout.inventory.reconciliation.interval:PT1M}")
    @SchedulerLock(name = "inventory-reservation-reconciliation", lockAtMostFor = JobLocks.HOLD_TEXT)
    void reconcileOnSchedule() {
        try {
            Summary summary = reconcile();
            if (summary.released() + summary.confirmed() > 0) {
                log.warn("reservation reconciliation: {}", summary);
            }
        } catch (RestClientException e) {
            log.warn("reservation reconciliation stopped, the next run starts over: {}", e.toString());
        }
    }

    Summary reconcile() {
        int looked = 0;
        int released = 0;
        int confirmed = 0;
        String after = "";
        List<String> owners;
        do {
            JobLocks.stillWorking();
            owners = reservations.pendingOwners(clock.instant().minus(settings.grace()), after, PAGE);
            Map<String, Verdict> verdicts = verdictsOn(owners);
            for (String owner : owners) {
                looked++;
                switch (verdicts.get(owner)) {
                    case RELEASE -> {
                        if (stock.repair(owner, StockReservations.Repair.RELEASE).isPresent()) {
                            log.warn("reservation of {} outlived its owner: released", owner);
                            released++;
                            meters.counter("checkout.inventory.reconciliation.reservations", "outcome", "released").increment();
                        }
                    }
                    case CONFIRM -> {
                        Optional<Reservation.Outcome> outcome = stock.repair(owner, StockReservations.Repair.CONFIRM);
                        if (outcome.isPresent()) {
                            log.warn("reservation of {} was still pending for a confirmed order: confirmed ({})", owner, outcome.get());
                            confirmed++;
                            meters.counter("checkout.inventory.reconciliation.reservations", "outcome", "confirmed").increment();
                        }
                    }
                    case KEEP -> {
                    }
                }
            }
            after = owners.isEmpty() ? after : owners.getLast();
        } while (owners.size() == PAGE);
        return new Summary(looked, released, confirmed);
    }

    /**
     * What to do with each owner's reservation, from the order service's answer about the whole page (at most two calls:
     * the owners, then the orders that paid checkouts became).
     */
    private Map<String, Verdict> verdictsOn(List<String> owners) {
        List<String> checkoutIds = owners.stream().filter(owner -> owner.startsWith("chk_")).toList();
        List<String> orderIds = owners.stream().filter(owner -> !owner.startsWith("chk_")).toList();
        Standings known = owners.isEmpty() ? new Standings(List.of(), List.of())
                : services.post("order", Standings.PATH, new Standings.Query(orderIds, checkoutIds), Standings.class);
        Map<String, OrderStanding> orders = new HashMap<>();
        known.orders().forEach(order -> orders.put(order.orderId(), order));
        Map<String, CheckoutStanding> checkouts = new HashMap<>();
        known.checkouts().forEach(checkout -> checkouts.put(checkout.checkoutId(), checkout));
        List<String> ordersOfPaidCheckouts = checkouts.values().stream()
                .filter(checkout -> !checkout.open() && checkout.orderId() != null && !orders.containsKey(checkout.orderId()))
                .map(CheckoutStanding::orderId).toList();
        if (!ordersOfPaidCheckouts.isEmpty()) {
            services.post("order", Standings.PATH, new Standings.Query(ordersOfPaidCheckouts, List.of()), Standings.class)
                    .orders().forEach(order -> orders.put(order.orderId(), order));
        }
        Map<String, Verdict> verdicts = new HashMap<>();
        for (String owner : owners) {
            verdicts.put(owner, owner.startsWith("chk_") ? verdictOnCheckout(checkouts.get(owner), orders)
                    : verdictOnOrder(orders.get(owner)));
        }
        return verdicts;
    }

    private static Verdict verdictOnCheckout(CheckoutStanding checkout, Map<String, OrderStanding> orders) {
        if (checkout != null && checkout.open()) {
            return Verdict.KEEP;
        }
        if (checkout != null && checkout.orderId() != null) {
            // Paid: its order's saga adopts the reservation, unless that order ended without it.
            OrderStanding order = orders.get(checkout.orderId());
            return order == null || order.ended() ? Verdict.RELEASE : Verdict.KEEP;
        }
        return Verdict.RELEASE;
    }

    private static Verdict verdictOnOrder(OrderStanding order) {
        if (order == null || order.ended()) {
            return Verdict.RELEASE;
        }
        return order.confirmedOrLater() ? Verdict.CONFIRM : Verdict.KEEP;
    }
}
