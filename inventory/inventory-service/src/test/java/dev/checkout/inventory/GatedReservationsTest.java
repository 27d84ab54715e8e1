package dev.checkout.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.checkout.inventory.StockGate.Decision;
import dev.checkout.inventory.StockGate.Verdict;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

/** How a reservation follows the gate's verdict before PostgreSQL decides, without servers. */
class GatedReservationsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final StockLine ONE_WIDGET = new StockLine("prod_a", null, 1);
    private static final CounterKey WIDGETS = CounterKey.of(ONE_WIDGET);

    private final Reservations reservations = mock(Reservations.class);
    private final Allocations allocations = mock(Allocations.class);
    private final Stock stock = mock(Stock.class);
    private final StockGate gate = mock(StockGate.class);
    private final GateReconciliation reconciliation = mock(GateReconciliation.class);
    private final ReservationEffects effects = mock(ReservationEffects.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final GatedReservations gated = new GatedReservations(reservations, allocations, stock, gate, reconciliation,
            effects, transactions, Clock.fixed(NOW, ZoneOffset.UTC), properties());

    @Test
    void whatTheGateKnowsIsShortIsRefusedWithoutATransaction() {
        Reservation.Shortfall short_ = new Reservation.Shortfall("prod_a", null, 1, 0);
        when(gate.hold(eq("ord_1"), anyString(), anyList())).thenReturn(new Decision(Verdict.SHORT, List.of(short_), List.of(), 0));

        Reservation refused = gated.reserve(order("ord_1"));

        assertThat(refused.status()).isEqualTo(Reservation.Status.REJECTED);
        assertThat(refused.shortfalls()).containsExactly(short_);
        verifyNoInteractions(transactions, reservations, allocations, effects);
    }

    @Test
    void missingCountersAreLoadedAndTheGateAskedAgainWhenNoTransactionIsOpen() {
        when(gate.hold(eq("ord_1"), anyString(), anyList()))
                .thenReturn(new Decision(Verdict.MISSING, List.of(), List.of(WIDGETS), 0))
                .thenReturn(new Decision(Verdict.SHORT, List.of(), List.of(), 0));

        gated.reserve(order("ord_1"));

        verify(reconciliation).load(List.of(WIDGETS));
        verify(gate, never()).repairSoon(any());
    }

    @Test
    void withoutTheGateWhatLooksShortIsRefusedBeforeQueueingForTheStockRows() {
        when(gate.hold(eq("ord_1"), anyString(), anyList())).thenReturn(new Decision(Verdict.MISSING, List.of(), List.of(WIDGETS), 0));
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        Reservation.Shortfall apparent = new Reservation.Shortfall("prod_a", null, 1, 0);
        when(stock.apparentShortfalls(List.of(ONE_WIDGET))).thenReturn(List.of(apparent));

        Reservation refused = gated.reserve(order("ord_1"));

        assertThat(refused.shortfalls()).containsExactly(apparent);
        verify(gate).repairSoon(List.of(WIDGETS));
        verify(reservations).lockOwner("ord_1");
        verifyNoInteractions(allocations, effects);
    }

    @Test
    void anOwnerWithAReservationGetsItBackAndTheSecondHoldIsGivenBack() {
        when(gate.hold(eq("ord_1"), anyString(), anyList())).thenReturn(new Decision(Verdict.HELD, List.of(), List.of(), NOW.toEpochMilli()));
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        when(allocations.recordAndTake(anyString(), eq("ord_1"), any(), eq(ONE_WIDGET))).thenReturn(new Allocations.NewReservation.OwnerKnown());
        Reservation existing = new Reservation("res_0", "ord_1", null, Reservation.Status.PENDING, NOW.plusSeconds(60),
                List.of(new Reservation.Line(1, "prod_a", null, "wh_1", 1)), List.of());
        when(reservations.lockByOwner("ord_1")).thenReturn(java.util.Optional.of(existing));

        assertThat(gated.reserve(order("ord_1"))).isSameAs(existing);
        verify(gate).giveBack(eq("ord_1"), anyString(), eq(List.of(WIDGETS)), eq(java.util.Set.of()));
        verifyNoInteractions(effects);
    }

    private static ReserveStock order(String ownerId) {
        return new ReserveStock(ownerId, List.of(ONE_WIDGET), NOW.plus(Duration.ofMinutes(15)), null);
    }

    private static InventoryProperties properties() {
        return new InventoryProperties(Duration.ofMinutes(15), 10, Duration.ofSeconds(30), Duration.ofMillis(200),
                new InventoryProperties.Gate(null, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofDays(7)),
                new InventoryProperties.Reconciliation(Duration.ofMinutes(1), Duration.ofMinutes(2)));
    }
}
