package dev.checkout.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.inventory.api.StockLine;
import org.junit.jupiter.api.Test;

/** A reservation's rules, without servers. */
class ReservationTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** A confirmed sale of 3 units of prod_a, two from warehouse 1 and one from warehouse 2, and 1 of prod_b. */
    static Reservation confirmedSale() {
        Reservation sale = new Reservation("res_1", "order_1", null, Reservation.Status.CONFIRMED, NOW, List.of(
                new Reservation.Line(11, "prod_a", null, "wh_1", 2),
                new Reservation.Line(12, "prod_a", null, "wh_2", 1),
                new Reservation.Line(21, "prod_b", null, "wh_1", 1)), List.of());
        return sale;
    }

    @Test
    void returnedUnitsGoBackToTheRowsTheyWereSoldFromAndNeverBeyondWhatWasSold() {
        Reservation sale = confirmedSale();

        List<Reservation.Line> back = sale.returnItems(List.of(new StockLine("prod_a", null, 5)), Map.of(11L, 1));

        assertThat(back).extracting(Reservation.Line::stockId, Reservation.Line::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11L, 1), org.assertj.core.groups.Tuple.tuple(12L, 1));
        assertThat(sale.takeEvents()).singleElement().isInstanceOfSatisfying(ReservationEvent.StockReturned.class,
                returned -> assertThat(returned.lines()).isEqualTo(back));
        assertThat(sale.status()).isEqualTo(Reservation.Status.CONFIRMED);
    }

    @Test
    void nothingComesBackFromASaleThatWasNotConfirmedOrIsAllReturned() {
        Reservation sale = confirmedSale();
        assertThat(sale.returnItems(List.of(new StockLine("prod_b", null, 1)), Map.of(21L, 1))).isEmpty();
        assertThat(sale.takeEvents()).isEmpty();

        Reservation pending = new Reservation("res_2", "order_2", null, Reservation.Status.PENDING, NOW,
                List.of(new Reservation.Line(11, "prod_a", null, "wh_1", 2)), List.of());
        assertThat(pending.returnItems(List.of(new StockLine("prod_a", null, 1)), Map.of())).isEmpty();
    }
}
