package dev.checkout.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.api.LowStock;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What a reservation's events do to stock, the gate's counters and the announcements, without servers. */
class ReservationEffectsTest {

    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private final Stock stock = mock(Stock.class);
    private final StockChanges changes = mock(StockChanges.class);
    private final StockGate gate = mock(StockGate.class);
    private final InventoryMessaging messaging = mock(InventoryMessaging.class);
    private final ReservationEffects effects = new ReservationEffects(stock, changes, gate, messaging);

    @Test
    void aRowIsLowOnlyWhenTheLineTookItFromAtOrAboveTheThresholdToBelowIt() {
        Stock.Row crossed = new Stock.Row(1, "prod_a", null, "wh_1", 10, 7, 3, 5);
        Stock.Row alreadyLow = new Stock.Row(2, "prod_a", null, "wh_2", 10, 8, 2, 5);
        Stock.Row untouched = new Stock.Row(3, "prod_a", null, "wh_3", 10, 9, 1, 5);
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 4), line(2, "prod_a", 1));

        assertThat(ReservationEffects.lowStockCrossed(List.of(crossed, alreadyLow, untouched), lines))
                .containsExactly(new LowStock("prod_a", null, "wh_1", 3, 5));
    }

    @Test
    void unitsAreCountedPerCounterWithTheirSign() {
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 2), line(2, "prod_a", 3), line(3, "prod_b", 1));

        assertThat(ReservationEffects.unitsOf(lines, -1))
                .containsExactly(Map.entry(new CounterKey("prod_a", null), -5), Map.entry(new CounterKey("prod_b", null), -1));
    }

    @Test
    void releasedUnitsGoBackToTheRowsAndTheGateAndTheProductIsNotedWithoutALowStockCheck() {
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 2));
        Reservation reservation = new Reservation("res_1", "ord_1", null, Reservation.Status.PENDING, LATER, lines, List.of());
        reservation.release("order_failed");

        effects.apply(reservation);

        verify(stock).free(lines);
        verify(gate).adjust(Map.of(new CounterKey("prod_a", null), 2));
        verify(changes).note(List.of("prod_a"));
        verify(stock, never()).rowsOf(anyString());
        verify(messaging, never()).publish(any());
    }

    @Test
    void soldUnitsLeaveTheRowsWithoutANoteForTheAnnouncerAsWhatIsAvailableDidNotChange() {
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 2));
        Reservation reservation = new Reservation("res_1", "ord_1", null, Reservation.Status.PENDING, LATER, lines, List.of());
        reservation.confirm(LATER.minusSeconds(60));

        effects.apply(reservation);

        verify(stock).sell(lines);
        verify(changes, never()).note(any());
        verify(gate, never()).adjust(any());
        verify(messaging, never()).publish(any());
    }

    @Test
    void heldUnitsWhoseRowsTheCallerKnowsAreCheckedForLowStockWithoutReadingTheRowsAgain() {
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 4));
        Reservation reservation = Reservation.held("res_1", "ord_1", lines, LATER);
        Stock.Row after = new Stock.Row(1, "prod_a", null, "wh_1", 10, 7, 3, 5);

        effects.apply(reservation, new ReservationEffects.Announcing(Map.of("prod_a", List.of(after)), Set.of("prod_a")));

        verify(changes).note(List.of());
        verify(stock, never()).rowsOf(anyString());
        ArgumentCaptor<OutgoingMessage> published = ArgumentCaptor.forClass(OutgoingMessage.class);
        verify(messaging).publish(published.capture());
        assertThat(published.getValue().key()).isEqualTo("prod_a");
    }

    @Test
    void heldUnitsOfRowsTheCallerDoesNotKnowAreReadOnce() {
        List<Reservation.Line> lines = List.of(line(1, "prod_a", 1));
        when(stock.rowsOf("prod_a")).thenReturn(List.of(new Stock.Row(1, "prod_a", null, "wh_1", 10, 1, 9, 5)));

        effects.apply(Reservation.held("res_1", "ord_1", lines, LATER));

        verify(stock).rowsOf("prod_a");
        verify(changes).note(List.of("prod_a"));
        verify(messaging, never()).publish(any());
    }

    private static Reservation.Line line(long stockId, String productId, int quantity) {
        return new Reservation.Line(stockId, productId, null, "wh_" + stockId, quantity);
    }
}
