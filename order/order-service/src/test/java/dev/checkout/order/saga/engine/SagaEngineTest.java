package dev.checkout.order.saga.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The saga engine on in-memory fakes: no broker, no database. */
class SagaEngineTest {

    record Data(String reservation, String charge, boolean confirmed) {
        Data reserved(String id) { return new Data(id, charge, confirmed); }
        Data charged(String id) { return new Data(reservation, id, confirmed); }
        Data withConfirmation() { return new Data(reservation, charge, true); }
    }

    record Reserve() { }
    record Reserved(String id) { }
    record OutOfStock() { }
    record Release() { }
    record Released() { }
    record Charge() { }
    record Charged(String id) { }
    record Declined(String reason) { }
    record Refund() { }
    record Refunded() { }
    record RefundRefused() { }

    final SagaFakes.MutableClock clock = new SagaFakes.MutableClock();
    final SagaFakes.InMemoryStore store = new SagaFakes.InMemoryStore();
    final SagaFakes.RecordingBus bus = new SagaFakes.RecordingBus();
    final SagaFakes.RecordingOutcomes<Data> outcomes = new SagaFakes.RecordingOutcomes<>();

    final SagaDefinition<Data> definition = SagaDefinition.of("test", Data.class)
            .step("reserve")
                .invoke(data -> new Command("inventory", "o1", new Reserve()))
                .onReply(Reserved.class, (data, reply) -> data.reserved(reply.id()))
                .failOn(OutOfStock.class, reply -> "insufficient_stock")
                .compensateWith(data -> new Command("inventory", "o1", new Release()), Released.class)
                .timeout(Duration.ofSeconds(30)).retries(2)
            .step("charge")
                .invoke(data -> new Command("payment", "o1", new Charge()))
                .onReply(Charged.class, (data, reply) -> data.charged(reply.id()))
                .failOn(Declined.class, Declined::reason)
                .compensateWith(data -> new Command("payment", "o1", new Refund()), Refunded.class)
                .compensationFailsOn(RefundRefused.class, reply -> "refund_failed")
                .timeout(Duration.ofMinutes(5)).retries(0).failsOnTimeoutWith("payment_unavailable")
            .step("confirm")
                .local(Data::withConfirmation)
            .build();

    final SagaEngine<Data> engine = new SagaEngine<>(definition, store, bus, outcomes, clock);

    @Test
    void theHappyPathRunsEveryStepInOrderAndCompletes() {
        engine.start("s1", "o1", new Data(null, null, false));
        assertThat(bus.sentTypes()).containsExactly(Reserve.class);

        engine.handle("o1", new Reserved("r1"));
        assertThat(bus.sentTypes()).containsExactly(Reserve.class, Charge.class);

        engine.handle("o1", new Charged("c1"));

        SagaInstance<Data> saga = store.<Data>saga("o1");
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.data()).isEqualTo(new Data("r1", "c1", true));
        assertThat(outcomes.completed).containsExactly("o1");
        assertThat(store.log).extracting(SagaFakes.Entry::step).containsSubsequence("reserve", "charge", "confirm", "saga");
    }

    @Test
    void aFailedChargeReleasesTheStockThenEndsCompensatedWithTheChargesReason() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new Reserved("r1"));
        engine.handle("o1", new Declined("payment_declined"));

        assertThat(bus.sentTypes()).containsExactly(Reserve.class, Charge.class, Release.class);
        assertThat(store.<Data>saga("o1").status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(outcomes.compensated).isEmpty();

        engine.handle("o1", new Released());
        assertThat(store.<Data>saga("o1").status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(outcomes.compensated).containsExactly("o1:payment_declined");
    }

    @Test
    void aFailureOfTheFirstStepNeedsNoCompensation() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new OutOfStock());

        assertThat(bus.sentTypes()).containsExactly(Reserve.class);
        assertThat(store.<Data>saga("o1").status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(outcomes.compensated).containsExactly("o1:insufficient_stock");
    }

    @Test
    void repliesThatDoNotFitTheCurrentStepAreIgnored() {
        engine.start("s1", "o1", new Data(null, null, false));
        assertThat(engine.handle("o1", new Charged("early"))).isFalse();
        engine.handle("o1", new Reserved("r1"));
        assertThat(engine.handle("o1", new Reserved("duplicate"))).isFalse();

        assertThat(store.<Data>saga("o1").data().reservation()).isEqualTo("r1");
        assertThat(bus.sentTypes()).containsExactly(Reserve.class, Charge.class);
        assertThat(engine.handle("unknown-order", new Reserved("x"))).isFalse();
    }

    @Test
    void anOverdueStepIsSentAgainUntilItsRetriesAreSpentThenFailsAndCompensates() {
        engine.start("s1", "o1", new Data(null, null, false));
        assertThat(engine.timeOut("o1")).as("not overdue yet").isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(engine.timeOut("o1")).isTrue();
        clock.advance(Duration.ofSeconds(31));
        engine.timeOut("o1");
        assertThat(bus.sentTypes()).containsExactly(Reserve.class, Reserve.class, Reserve.class);

        clock.advance(Duration.ofSeconds(31));
        engine.timeOut("o1");
        // The reserve step may have taken effect without answering, so its compensation runs too.
        assertThat(bus.sentTypes()).endsWith(Release.class);
        engine.handle("o1", new Released());
        assertThat(outcomes.compensated).containsExactly("o1:reserve_timeout");
    }

    @Test
    void aChargeThatNeverAnswersIsRefundedAndTheStockReleasedAfterItsDeadline() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new Reserved("r1"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        engine.timeOut("o1");
        assertThat(bus.sentTypes()).endsWith(Refund.class);
        engine.handle("o1", new Refunded());
        assertThat(bus.sentTypes()).endsWith(Release.class);
        engine.handle("o1", new Released());

        assertThat(outcomes.compensated).containsExactly("o1:payment_unavailable");
    }

    @Test
    void compensationsAreSentAgainWithBackOffUntilTheyAreDone() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new Reserved("r1"));
        engine.handle("o1", new Declined("payment_declined"));
        Instant firstDeadline = store.<Data>saga("o1").deadline();

        clock.advance(Duration.ofSeconds(31));
        engine.timeOut("o1");
        Instant secondDeadline = store.<Data>saga("o1").deadline();
        assertThat(bus.sentTypes()).endsWith(Release.class, Release.class);
        assertThat(Duration.between(clock.instant(), secondDeadline)).isGreaterThan(Duration.between(firstDeadline.minusSeconds(30), firstDeadline));
        assertThat(store.<Data>saga("o1").status()).isEqualTo(SagaStatus.COMPENSATING);
    }

    @Test
    void aCompensationThatCannotBeMadeEndsTheSagaFailedForAnOperator() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new Reserved("r1"));
        clock.advance(Duration.ofMinutes(6));
        engine.timeOut("o1");
        engine.handle("o1", new RefundRefused());

        assertThat(store.<Data>saga("o1").status()).isEqualTo(SagaStatus.FAILED);
        assertThat(outcomes.compensationFailed).containsExactly("o1:refund_failed");
    }

    @Test
    void anAbortedSagaUndoesTheStepInFlightAndEverythingBefore() {
        engine.start("s1", "o1", new Data(null, null, false));
        engine.handle("o1", new Reserved("r1"));
        assertThat(engine.abort("o1", "cancelled")).isTrue();

        assertThat(bus.sentTypes()).endsWith(Refund.class);
        engine.handle("o1", new Refunded());
        engine.handle("o1", new Released());
        assertThat(outcomes.compensated).containsExactly("o1:cancelled");
        assertThat(engine.abort("o1", "again")).as("an ended saga cannot be aborted").isFalse();
    }

    @Test
    void aStepWithoutACompletingReplyIsRefusedWhenTheTableIsBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SagaDefinition.of("bad", Data.class)
                        .step("nothing").invoke(data -> new Command("t", "k", new Reserve())).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
