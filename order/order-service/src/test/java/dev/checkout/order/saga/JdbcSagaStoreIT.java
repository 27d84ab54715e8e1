package dev.checkout.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.checkout.order.OrderTestApplication;
import dev.checkout.order.saga.engine.SagaInstance;
import dev.checkout.order.saga.engine.SagaStatus;
import dev.checkout.order.saga.engine.SagaStore;
import dev.checkout.order.saga.engine.SagaStore.LogEntry;
import dev.checkout.order.saga.engine.SagaStore.StepAction;
import dev.checkout.order.saga.engine.SagaStore.StepOutcome;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of {@code saga_instances} SQL against the real PostgreSQL: a saga and its step log are written and read
 * back as the engine and the operators' views need them. Sagas here are of a type no saga of the service has, so
 * recovery leaves them alone.
 */
@CheckoutIntegrationTest(classes = OrderTestApplication.class)
class JdbcSagaStoreIT {

    static final String TYPE = "store-test";
    /** Long before any real saga's deadline: "overdue by then" finds only what a test put there. */
    static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

    record Data(String note, int count) {
    }

    @Autowired
    JdbcSagaStore store;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aStoredSagaIsReadBackWithItsDataAndItsStepLog() {
        SagaInstance<Data> saga = running(Ids.newId("order"), Instant.now().plus(1, ChronoUnit.HOURS));
        LogEntry started = new LogEntry("first", StepAction.INVOKE, StepOutcome.STARTED, null, at(0));

        transactions.executeWithoutResult(status -> store.insert(saga, List.of(started)));

        SagaInstance<Data> read = transactions.execute(status -> store.lock(TYPE, saga.orderId()).orElseThrow().as(Data.class));
        assertThat(read.sagaId()).isEqualTo(saga.sagaId());
        assertThat(read.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(read.data()).isEqualTo(new Data("hello", 2));
        assertThat(store.log(saga.sagaId())).containsExactly(started);
        assertThat(store.log(TYPE, saga.orderId())).containsExactly(started);
    }

    @Test
    void anUpdateMovesTheSagaAndAppendsToItsLogAndAnEndedSagaIsNoLongerActive() {
        SagaInstance<Data> saga = running(Ids.newId("order"), Instant.now().plus(1, ChronoUnit.HOURS));
        LogEntry started = new LogEntry("first", StepAction.INVOKE, StepOutcome.STARTED, null, at(0));
        LogEntry completed = new LogEntry("first", StepAction.INVOKE, StepOutcome.COMPLETED, null, at(1));
        LogEntry ended = new LogEntry("end", StepAction.END, StepOutcome.COMPLETED, null, at(1));
        transactions.executeWithoutResult(status -> store.insert(saga, List.of(started)));
        assertThat(activeSagasOf(saga.orderId())).hasSize(1);

        SagaInstance<Data> done = new SagaInstance<>(saga.sagaId(), TYPE, saga.orderId(), SagaStatus.COMPLETED, 1, new Data("bye", 3),
                null, 0, null, 1);
        transactions.executeWithoutResult(status -> store.update(done, List.of(completed, ended)));

        assertThat(store.log(saga.sagaId())).containsExactly(started, completed, ended);
        assertThat(activeSagasOf(saga.orderId())).isEmpty();
        JdbcSagaStore.Row row = store.find(saga.sagaId()).orElseThrow();
        assertThat(row.status()).isEqualTo("COMPLETED");
        assertThat(row.stepIndex()).isEqualTo(1);
        assertThat(row.data()).contains("bye");
    }

    @Test
    void onlyRunningSagasPastTheirDeadlineAreOverdueTheMostOverdueFirst() {
        SagaInstance<Data> later = running(Ids.newId("order"), LONG_AGO.plusSeconds(20));
        SagaInstance<Data> earlier = running(Ids.newId("order"), LONG_AGO.plusSeconds(10));
        SagaInstance<Data> notYet = running(Ids.newId("order"), LONG_AGO.plusSeconds(600));
        SagaInstance<Data> ended = new SagaInstance<>(Ids.newId("saga"), TYPE, Ids.newId("order"), SagaStatus.FAILED, 0,
                new Data("x", 0), "gone", 0, LONG_AGO.plusSeconds(5), 0);
        transactions.executeWithoutResult(status -> List.of(later, earlier, notYet, ended).forEach(s -> store.insert(s, List.of())));

        List<JdbcSagaStore.Key> overdue = store.overdue(LONG_AGO.plusSeconds(60), 1000);

        assertThat(overdue).containsSubsequence(new JdbcSagaStore.Key(TYPE, earlier.orderId()), new JdbcSagaStore.Key(TYPE, later.orderId()));
        assertThat(overdue).doesNotContain(new JdbcSagaStore.Key(TYPE, notYet.orderId()), new JdbcSagaStore.Key(TYPE, ended.orderId()));
    }

    private List<SagaStore.Stored> activeSagasOf(String orderId) {
        return transactions.execute(status -> store.lockActive(orderId));
    }

    private static SagaInstance<Data> running(String orderId, Instant deadline) {
        return new SagaInstance<>(Ids.newId("saga"), TYPE, orderId, SagaStatus.RUNNING, 0, new Data("hello", 2), null, 0, deadline, 0);
    }

    /** Instants as the JSON log keeps them: to the microsecond at most. */
    private static Instant at(int seconds) {
        return Instant.parse("2026-11-22T10:00:00Z").plusSeconds(seconds);
    }
}
