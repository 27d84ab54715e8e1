package dev.checkout.order.flashsale;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.JobLocks;
import dev.checkout.platform.messaging.OutgoingMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.checkout.CheckoutAdmission;
import dev.checkout.order.checkout.CheckoutExpiry;
import dev.checkout.order.checkout.Checkouts;
import dev.checkout.order.orders.Order;

/**
 * Lets the next customers of each live sale in, every {@code checkout.flash-sale.admission-interval}: as many tickets
 * from the head of the queue as the units neither sold nor held cover (at most {@code admission-batch} a round), no
 * more than keeps {@code max-reserving} holds waiting for inventory, and no more than the checkout's door invites
 * ({@link CheckoutAdmission#invitable()}): admission goes at the pace inventory answers and checkout takes orders, so a
 * loaded platform does not see a whole batch of admitted customers at once while their tokens run.
 * Each admitted ticket gets a hold: a checkout row keyed by the ticket, whose stock is reserved in inventory exactly as
 * a two-step checkout's is (PostgreSQL decides, the Redis queue only orders), and which the order placed with the token
 * adopts. The token's life starts when its customer first sees it, within the notice window of inventory reserving
 * the units ({@link Checkout#openHold}); a hold inventory refused or did not answer in time puts its ticket back in its
 * place. Refused for want of stock, the product has fewer units than the sale counts free (sold elsewhere too): the sale
 * then sells at most what it has out and what inventory said it had ({@link FlashSale#stockCapAfterRefusal}), and sells
 * out at that. Each round first lets go of the sale's lapsed holds, so their units go to the next in line. The round
 * runs under the sale's row lock, so two instances never hand out the same unit.
 */
@Component
class FlashSaleAdmission {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleAdmission.class);
    /** Lapsed holds a round lets go of at most; the expiry job takes any beyond. */
    private static final int LAPSED_PER_ROUND = 500;

    private final FlashSales sales;
    private final Checkouts checkouts;
    private final CheckoutExpiry expiry;
    private final CheckoutAdmission door;
    private final FlashSaleWaitingRoom room;
    private final OrderMessaging messaging;
    private final TransactionTemplate transactions;
    private final FlashSaleProperties properties;
    private final Clock clock;

    FlashSaleAdmission(FlashSales sales, Checkouts checkouts, CheckoutExpiry expiry, CheckoutAdmission door, FlashSaleWaitingRoom room,
                       OrderMessaging messaging, PlatformTransactionManager transactionManager, FlashSaleProperties properties, Clock clock) {
        this.sales = sales;
        this.checkouts = checkouts;
        this.expiry = expiry;
        this.door = door;
        this.room = room;
        this.messaging = messaging;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.flash-sale.admission-interval:PT0.5S}")
    @SchedulerLock(name = "order-flash-sale-admission", lockAtMostFor = JobLocks.HOLD_TEXT)
    public void admitNextBatches() {
        for (String flashSaleId : sales.admittingAt(clock.instant())) {
            if (!room.isSoldOut(flashSaleId)) {
                admitNextBatch(flashSaleId);
            }
        }
    }

    /** What one round did to the queue, applied to Redis after the round's transaction committed. */
    private record Round(List<String> leaving, List<FlashSales.Ticket> waitingAgain, boolean soldOut, Duration untilEnd) {
    }

    void admitNextBatch(String flashSaleId) {
        Round round = transactions.execute(status -> admitUnderLock(flashSaleId));
        if (round == null) {
            return;
        }
        room.recordPace(flashSaleId, properties.mostTicketsPerSecond(door.limit()));
        room.leave(flashSaleId, round.leaving());
        round.waitingAgain().forEach(ticket -> room.enqueue(flashSaleId, ticket.ticketId(), ticket.queueScore()));
        if (round.soldOut()) {
            room.markSoldOut(flashSaleId, round.untilEnd());
            log.info("flash sale {} sold out", flashSaleId);
        }
    }

    private Round admitUnderLock(String flashSaleId) {
        FlashSale sale = sales.lock(flashSaleId).orElse(null);
        Instant now = clock.instant();
        if (sale == null || !sale.admitsAt(now)) {
            return null;
        }
        // Lapsed tokens and holds inventory never answered in time are let go first (each under its row lock, which a
        // purchase at the token's last moment also takes), so their units count as free below.
        for (String holdId : sales.overdueHolds(flashSaleId, now, LAPSED_PER_ROUND)) {
            expiry.expireIfOverdue(holdId);
        }
        List<FlashSales.Refused> refused = sales.takeBackRefused(flashSaleId);
        List<FlashSales.Ticket> waitingAgain = refused.stream().map(FlashSales.Refused::ticket).toList();
        FlashSale.Standing standing = sales.standing(flashSaleId);
        OptionalInt inventoryHad = refused.stream().filter(r -> r.inventoryHad() != null).mapToInt(FlashSales.Refused::inventoryHad).max();
        if (inventoryHad.isPresent()) {
            // The most inventory said it had: a cap set too high is lowered by the next refusal, one too low loses units.
            int cap = sale.stockCapAfterRefusal(standing, inventoryHad.getAsInt());
            sales.capStock(flashSaleId, cap);
            if (cap < sale.quantity()) {
                log.info("flash sale {}: inventory refused a hold for want of stock ({} left); the sale sells at most {} of its {} units",
                        flashSaleId, inventoryHad.getAsInt(), cap, sale.quantity());
            }
            standing = sales.standing(flashSaleId);
        }
        Duration untilEnd = Duration.between(now, sale.endsAt());
        if (sale.soldOut(standing)) {
            return new Round(List.of(), List.of(), true, untilEnd);
        }
        int free = sale.free(standing);
        int admissible = FlashSaleQueueOrder.admissible(free, standing.reserving(), properties.maxReserving(), properties.admissionBatch(),
                door.invitable());
        List<String> head = room.head(flashSaleId, admissible);
        if (head.isEmpty()) {
            return new Round(List.of(), waitingAgain, false, untilEnd);
        }
        List<FlashSales.Ticket> waiting = sales.lockWaiting(head);
        Set<String> stillWaiting = waiting.stream().map(FlashSales.Ticket::ticketId).collect(Collectors.toSet());
        List<String> leaving = new ArrayList<>(head.stream().filter(id -> !stillWaiting.contains(id)).toList());
        List<FlashSaleQueueOrder.Waiting> batch = FlashSaleQueueOrder.admissionBatch(
                waiting.stream().map(t -> new FlashSaleQueueOrder.Waiting(t.ticketId(), t.quantity())).toList(), free, admissible,
                standing.held() == 0);
        for (FlashSaleQueueOrder.Waiting admitted : batch) {
            FlashSales.Ticket ticket = waiting.stream().filter(t -> t.ticketId().equals(admitted.ticketId())).findFirst().orElseThrow();
            hold(sale, ticket, admitted.quantity(), now);
            leaving.add(ticket.ticketId());
        }
        if (!batch.isEmpty()) {
            log.debug("flash sale {}: admitted {} ticket(s), {} unit(s) were free", flashSaleId, batch.size(), free);
        }
        return new Round(leaving, waitingAgain, false, untilEnd);
    }

    /**
     * The ticket's {@code quantity} units (what it asked for, or the sale's last ones) reserved under a checkout keyed
     * by the ticket (one open hold a ticket). The hold waits for inventory at most {@code reserving-timeout}; the
     * token's life starts when inventory has answered.
     */
    private void hold(FlashSale sale, FlashSales.Ticket ticket, int quantity, Instant now) {
        String checkoutId = Ids.newId(Checkout.ID_TYPE);
        BigDecimal subtotal = sale.salePrice().multiply(BigDecimal.valueOf(quantity));
        Order.Line line = new Order.Line(sale.productId(), sale.variantId(), sale.productName(), quantity, sale.salePrice());
        Order.Totals totals = new Order.Totals(subtotal, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, subtotal, sale.currency());
        // No shipping address yet: the customer gives it with the order, which is priced (tax, shipping) then.
        Checkout checkout = Checkout.openHold(checkoutId, ticket.userId(), ticket.ticketId(), List.of(line), totals, now,
                properties.reservingTimeout(), properties.noticeWindow(), properties.tokenTtl());
        if (!checkouts.addUnlessCartHasOneOpen(checkout)) {
            return; // the ticket holds already (a round that crashed after its commit): nothing to add
        }
        sales.admit(ticket.ticketId(), checkoutId, Ids.newId("fpt"), quantity);
        // Inventory holds the units for the longest the hold can wait, then the longest it can be payable (the notice
        // window and a token's life), then as long again: an order placed at the token's last second is adopted by its
        // saga later, through the same inventory queue the hold waited in (adoption is refused once this time has
        // passed; a crowd's backlog made orders fail with insufficient_stock at a token's life). An unused token's
        // hold is let go when the token lapses (CheckoutExpiry), not at this later time.
        Duration longestPayable = properties.reservingTimeout().plus(properties.noticeWindow()).plus(properties.tokenTtl());
        Instant reservedUntil = now.plus(longestPayable).plus(longestPayable);
        messaging.publish(OutgoingMessage.of(InventoryTopics.COMMANDS, checkoutId, new ReserveStock(checkoutId,
                List.of(new StockLine(sale.productId(), sale.variantId(), quantity)), reservedUntil, null)));
    }
}
