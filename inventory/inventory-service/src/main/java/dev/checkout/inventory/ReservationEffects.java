package dev.checkout.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.LowStock;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * What a reservation's events do outside the reservation, in the caller's transaction: units move on the stock rows
 * and the gate's counters, the products whose availability changed are noted for the {@link StockAnnouncer}, and a
 * {@link LowStock} event goes out at once where availability fell through a warehouse's threshold.
 */
@Component
class ReservationEffects {

    private final Stock stock;
    private final StockChanges changes;
    private final StockGate gate;
    private final InventoryMessaging messaging;

    ReservationEffects(Stock stock, StockChanges changes, StockGate gate, InventoryMessaging messaging) {
        this.stock = stock;
        this.changes = changes;
        this.gate = gate;
        this.messaging = messaging;
    }

    /** What the caller already did towards announcing: rows it has as they now are, and products it noted. */
    record Announcing(Map<String, List<Stock.Row>> knownRows, Set<String> marked) {
        static final Announcing NOTHING = new Announcing(Map.of(), Set.of());
    }

    /** Applies the reservation's events to stock and announces the stock levels they changed. */
    void apply(Reservation reservation) {
        apply(reservation, Announcing.NOTHING);
    }

    /**
     * {@link #apply(Reservation)}, where the caller already did some of the announcing ({@code done}): for the products
     * of {@code done.knownRows()} the rows are not read again.
     */
    void apply(Reservation reservation, Announcing done) {
        for (ReservationEvent event : reservation.takeEvents()) {
            switch (event) {
                case ReservationEvent.StockHeld held -> announce(held.lines(), true, done);
                // Selling what was reserved leaves availability as it was (total and reserved fall together), and
                // availability is what the levels' readers keep: announcing it again only repeated a level that cart
                // and catalog already had, one more event for each to handle per product and interval.
                case ReservationEvent.StockSold sold -> stock.sell(sold.lines());
                case ReservationEvent.StockFreed freed -> {
                    stock.free(freed.lines());
                    gate.adjust(unitsOf(freed.lines(), +1));
                    announce(freed.lines(), false, Announcing.NOTHING);
                }
                case ReservationEvent.StockReturned returned -> {
                    stock.giveBack(returned.lines());
                    gate.adjust(unitsOf(returned.lines(), +1));
                    announce(returned.lines(), false, Announcing.NOTHING);
                }
                case ReservationEvent.ReservationRefused refused -> {
                }
                case ReservationEvent.HoldExtended extended -> {
                }
                case ReservationEvent.HoldAdopted adopted -> {
                }
            }
        }
    }

    /**
     * Has the stock levels of the products the lines touch announced, and publishes a low-stock event at once where
     * availability fell below a warehouse's threshold.
     */
    void announce(List<Reservation.Line> lines, boolean availabilityFell) {
        announce(lines, availabilityFell, Announcing.NOTHING);
    }

    private void announce(List<Reservation.Line> lines, boolean availabilityFell, Announcing done) {
        List<String> products = lines.stream().map(Reservation.Line::productId).distinct().toList();
        changes.note(products.stream().filter(product -> !done.marked().contains(product)).toList());
        if (!availabilityFell) {
            return;
        }
        for (String productId : products) {
            List<Stock.Row> rows = done.knownRows().containsKey(productId) ? done.knownRows().get(productId) : stock.rowsOf(productId);
            lowStockCrossed(rows, lines).forEach(low ->
                    messaging.publish(OutgoingMessage.of(InventoryTopics.EVENTS, low.productId(), low)));
        }
    }

    /**
     * The rows (of one product, as they are after the lines were taken) whose availability the lines took from at or
     * above the low-stock threshold to below it: line by line, a crossing once per line that took from the row.
     */
    static List<LowStock> lowStockCrossed(List<Stock.Row> rows, List<Reservation.Line> lines) {
        return lines.stream().flatMap(line -> rows.stream()
                        .filter(r -> r.stockId() == line.stockId())
                        .filter(r -> r.available() < r.lowStockThreshold() && r.available() + line.quantity() >= r.lowStockThreshold())
                        .map(r -> new LowStock(r.productId(), r.variantId(), r.warehouseId(), r.available(), r.lowStockThreshold())))
                .toList();
    }

    /** The units of each counter the lines touch, times {@code sign}. */
    static Map<CounterKey, Integer> unitsOf(List<Reservation.Line> lines, int sign) {
        Map<CounterKey, Integer> units = new LinkedHashMap<>();
        lines.forEach(line -> units.merge(CounterKey.of(line), sign * line.quantity(), Integer::sum));
        return units;
    }
}
