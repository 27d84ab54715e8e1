package dev.checkout.order.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.checkout.order.flashsale.FlashSaleQueueOrder.Waiting;
import org.junit.jupiter.api.Test;

class FlashSaleQueueOrderTest {

    /** The checkout's door with room for any number of orders. */
    private static final int DOOR_OPEN = Integer.MAX_VALUE;

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void earlyJoinersAllQueueAheadOfAnyoneWhoJoinsAfterTheStart() {
        Random random = new Random(7);
        double early = FlashSaleQueueOrder.scoreFor(START.minusSeconds(1), START, random);
        double atTheStart = FlashSaleQueueOrder.scoreFor(START, START, random);
        double later = FlashSaleQueueOrder.scoreFor(START.plusMillis(250), START, random);
        assertThat(early).isLessThan(1).isLessThan(atTheStart);
        assertThat(atTheStart).isLessThan(later);
    }

    @Test
    void laterJoinersQueueFirstComeFirstServed() {
        Random random = new Random(7);
        List<Double> scores = IntStream.range(0, 100)
                .mapToObj(i -> FlashSaleQueueOrder.scoreFor(START.plusMillis(10L * i), START, random)).toList();
        assertThat(scores).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void earlyJoinersAreShuffledFairlyEachJoinPositionEndsFirstAboutEquallyOften() {
        // 5 early joiners, 20,000 sales with seeded randomness: each join position should be first in line a fifth of the
        // time. A bias of 3 points either way fails (the standard deviation here is about 0.28 points).
        Random random = new Random(42);
        int joiners = 5;
        int rounds = 20_000;
        int[] firstInLine = new int[joiners];
        for (int round = 0; round < rounds; round++) {
            int best = 0;
            double bestScore = Double.MAX_VALUE;
            for (int joiner = 0; joiner < joiners; joiner++) {
                double score = FlashSaleQueueOrder.scoreFor(START.minusSeconds(joiners - joiner), START, random);
                if (score < bestScore) {
                    bestScore = score;
                    best = joiner;
                }
            }
            firstInLine[best]++;
        }
        for (int count : firstInLine) {
            assertThat(count / (double) rounds).isBetween(0.17, 0.23);
        }
    }

    @Test
    void aBatchTakesTheHeadOfTheQueueUpToTheFreeUnits() {
        List<Waiting> queue = List.of(new Waiting("a", 1), new Waiting("b", 2), new Waiting("c", 1), new Waiting("d", 1));
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 4, 100, false)).extracting(Waiting::ticketId).containsExactly("a", "b", "c");
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 0, 100, false)).isEmpty();
    }

    @Test
    void nobodyOvertakesACustomerWhoAskedForMoreThanIsFree() {
        List<Waiting> queue = List.of(new Waiting("a", 1), new Waiting("b", 2), new Waiting("c", 1));
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 2, 100, false)).extracting(Waiting::ticketId).containsExactly("a");
    }

    @Test
    void withNoUnitHeldTheHeadIsLetInForTheLastUnitsWhenItAskedForMore() {
        List<Waiting> queue = List.of(new Waiting("a", 2), new Waiting("b", 1));
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 1, 100, true)).as("nothing held can come back: the last unit goes to the head")
                .containsExactly(new Waiting("a", 1));
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 1, 100, false)).as("a held unit may come back: the head waits for its two")
                .isEmpty();
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 3, 100, true)).as("enough for everyone: nobody gets less than asked")
                .containsExactly(new Waiting("a", 2), new Waiting("b", 1));
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 0, 100, true)).isEmpty();
    }

    @Test
    void aBatchIsNeverLargerThanThePaceAllows() {
        List<Waiting> queue = IntStream.range(0, 50).mapToObj(i -> new Waiting("t" + i, 1)).toList();
        assertThat(FlashSaleQueueOrder.admissionBatch(queue, 1000, 20, false)).hasSize(20);
    }

    @Test
    void aRoundLetsInNoMoreThanKeepsTheHoldsWaitingForInventoryWithinTheirBound() {
        assertThat(FlashSaleQueueOrder.admissible(1000, 0, 250, 500, DOOR_OPEN)).isEqualTo(250);
        assertThat(FlashSaleQueueOrder.admissible(1000, 240, 250, 500, DOOR_OPEN)).isEqualTo(10);
        assertThat(FlashSaleQueueOrder.admissible(7, 0, 250, 500, DOOR_OPEN)).as("no more than the free units").isEqualTo(7);
        assertThat(FlashSaleQueueOrder.admissible(1000, 0, 900, 500, DOOR_OPEN)).as("no more than a batch").isEqualTo(500);
    }

    @Test
    void aRoundLetsInNoMoreThanTheCheckoutsDoorInvites() {
        assertThat(FlashSaleQueueOrder.admissible(1000, 0, 250, 500, 40)).isEqualTo(40);
        assertThat(FlashSaleQueueOrder.admissible(1000, 0, 250, 500, 0)).as("the door is a limit past its limit").isZero();
    }

    @Test
    void aRoundLetsInNobodyAndNeverAsksTheQueueForANegativeCountWhileInventoryIsBehind() {
        assertThat(FlashSaleQueueOrder.admissible(1000, 250, 250, 500, DOOR_OPEN)).isZero();
        assertThat(FlashSaleQueueOrder.admissible(1000, 400, 250, 500, DOOR_OPEN)).isZero();
        assertThat(FlashSaleQueueOrder.admissible(0, 0, 250, 500, DOOR_OPEN)).isZero();
    }

    @Test
    void theWaitIsTheTimeAdmissionTakesToReachTheTicketPlusATokensLifeForEveryRoundOfUnitsAhead() {
        Duration ttl = Duration.ofMinutes(2);
        assertThat(FlashSaleQueueOrder.etaSeconds(3, 10, 1000, ttl)).isEqualTo(1);
        assertThat(FlashSaleQueueOrder.etaSeconds(4_200, 10_000, 1000, ttl)).isEqualTo(5);
        assertThat(FlashSaleQueueOrder.etaSeconds(11, 10, 1000, ttl)).isEqualTo(121);
        assertThat(FlashSaleQueueOrder.etaSeconds(25, 10, 1000, ttl)).isEqualTo(241);
        assertThat(FlashSaleQueueOrder.etaSeconds(4_200, 10_000, 40, ttl)).as("at the pace the checkout's door allows").isEqualTo(105);
    }

    @Test
    void theQueueMovesAtMostWhatARoundMayLetInTwiceASecondAtTheDoorsCurrentLimit() {
        FlashSaleProperties properties = new FlashSaleProperties(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMillis(500), 500, 250,
                Duration.ofMinutes(1));
        assertThat(properties.mostTicketsPerSecond(20)).as("the door's limit").isEqualTo(40.0);
        assertThat(properties.mostTicketsPerSecond(2_000)).as("no more holds waiting for inventory than max-reserving").isEqualTo(500.0);
        assertThat(new FlashSaleProperties(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMillis(100), 10, 250, Duration.ofMinutes(1))
                .mostTicketsPerSecond(2_000)).as("a batch a round, ten rounds a second").isEqualTo(100.0);
    }

    @Test
    void aSaleIsScheduledThenLiveThenSoldOutOnceEveryUnitIsConfirmedAndEndedAfterItsWindow() {
        FlashSale sale = new FlashSale("fls_1", "prod_1", null, 10, new java.math.BigDecimal("9.99"), "USD", "Widget", START,
                START.plusSeconds(600), 2);
        assertThat(sale.statusAt(START.minusSeconds(1), FlashSale.Standing.NONE)).isEqualTo(FlashSale.Status.SCHEDULED);
        assertThat(sale.statusAt(START, new FlashSale.Standing(10, 9, 0))).isEqualTo(FlashSale.Status.LIVE);
        assertThat(sale.statusAt(START, new FlashSale.Standing(10, 10, 0))).isEqualTo(FlashSale.Status.SOLD_OUT);
        assertThat(sale.statusAt(START.plusSeconds(600), FlashSale.Standing.NONE)).isEqualTo(FlashSale.Status.ENDED);
        assertThat(sale.free(new FlashSale.Standing(4, 2, 3))).isEqualTo(3);
    }

    @Test
    void aSaleWhoseStockRunsShortSellsWhatItHasOutAndWhatInventoryHadThenSellsOutAtThat() {
        FlashSale sale = new FlashSale("fls_1", "prod_1", null, 10, new java.math.BigDecimal("9.99"), "USD", "Widget", START,
                START.plusSeconds(600), 2);
        // Three sold (two confirmed), two held, and inventory refused the next hold: it had one unit left.
        FlashSale.Standing refusedWithOneLeft = new FlashSale.Standing(3, 2, 2);
        assertThat(sale.free(refusedWithOneLeft)).as("what the sale alone counts").isEqualTo(5);
        int cap = sale.stockCapAfterRefusal(refusedWithOneLeft, 1);
        assertThat(cap).isEqualTo(6);

        FlashSale.Standing capped = new FlashSale.Standing(3, 2, 2, 0, cap);
        assertThat(sale.free(capped)).as("the one unit inventory has").isOne();
        assertThat(sale.free(new FlashSale.Standing(3, 2, 0, 0, cap))).as("and the held ones when their tokens lapse").isEqualTo(3);
        assertThat(sale.statusAt(START, new FlashSale.Standing(6, 5, 0, 0, cap))).isEqualTo(FlashSale.Status.LIVE);
        assertThat(sale.statusAt(START, new FlashSale.Standing(6, 6, 0, 0, cap))).as("every unit it could sell is confirmed")
                .isEqualTo(FlashSale.Status.SOLD_OUT);
        assertThat(sale.stockCapAfterRefusal(new FlashSale.Standing(6, 6, 0, 0, cap), 3)).as("a later, higher count never raises it")
                .isEqualTo(cap);
        assertThat(sale.stockCapAfterRefusal(new FlashSale.Standing(1, 1, 0, 0, cap), 0)).as("a lower one lowers it").isOne();
    }
}
