package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.transaction.support.TransactionSynchronization.STATUS_COMMITTED;
import static org.springframework.transaction.support.TransactionSynchronization.STATUS_ROLLED_BACK;
import static org.springframework.transaction.support.TransactionSynchronization.STATUS_UNKNOWN;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;

/** The hand-off's rules, driven as Spring drives a transaction's synchronizations; no database, no broker. */
class RelayHandOffTest {

    private final RelayHandOff handOff = new RelayHandOff(3);

    RelayHandOffTest() {
        handOff.open();
    }

    @Test
    void rowsAreTakenInTheOrderTheirTransactionsReachedTheirCommitOnceTheyAreOver() {
        TransactionSynchronization first = committing(row(1));
        TransactionSynchronization second = committing(row(2));
        second.afterCompletion(STATUS_COMMITTED);

        assertThat(handOff.take(10, id -> false)).as("the first may yet commit: nothing goes past it").isEmpty();

        first.afterCompletion(STATUS_COMMITTED);
        assertThat(ids(handOff.take(10, id -> false))).containsExactly(1L, 2L);
        assertThat(handOff.take(10, id -> false)).isEmpty();
        assertThat(handOff.readNeeded()).isFalse();
    }

    @Test
    void rowsRolledBackOrAlreadySentAreLeftOutAndAtMostABatchIsTaken() {
        committing(row(1)).afterCompletion(STATUS_ROLLED_BACK);
        committing(row(2)).afterCompletion(STATUS_COMMITTED);
        committing(row(3)).afterCompletion(STATUS_COMMITTED);

        assertThat(ids(handOff.take(1, id -> id == 2L))).containsExactly(3L);
    }

    @Test
    void aRowUndoneByARollbackToASavepointTakenBeforeItIsNeverHandedOver() {
        TransactionSynchronization undone = handOff.handOver(row(1));
        TransactionSynchronization kept = handOff.handOver(row(2));
        Object before = new Object();
        Object after = new Object();
        // "undone" was written after the savepoint "before" (it never heard of it); "kept" heard of "after".
        kept.savepoint(after);
        undone.savepointRollback(before);
        kept.savepointRollback(after);
        undone.beforeCommit(false);
        kept.beforeCommit(false);
        undone.afterCompletion(STATUS_COMMITTED);
        kept.afterCompletion(STATUS_COMMITTED);

        assertThat(ids(handOff.take(10, id -> false))).containsExactly(2L);
        assertThat(handOff.readNeeded()).isFalse();
    }

    @Test
    void aRowThatCouldNotBeHandedOverSendsTheRelayToTheTableWhileItCommitsAndOnceItHas() {
        handOff.close(); // no relay of this process leads yet
        TransactionSynchronization unqueued = committing(row(1));
        handOff.open();
        TransactionSynchronization queued = committing(row(2));

        assertThat(handOff.nothingUnqueuedCommitting()).isFalse();
        assertThat(handOff.readNeeded()).as("while it commits").isTrue();

        unqueued.afterCompletion(STATUS_COMMITTED);
        queued.afterCompletion(STATUS_COMMITTED);
        assertThat(handOff.nothingUnqueuedCommitting()).isTrue();
        assertThat(handOff.readNeeded()).as("once it has: only the table has it").isTrue();
        assertThat(handOff.readNeeded()).as("asked once, answered by one read").isFalse();
    }

    @Test
    void aFullQueueTurnsRowsAwayToTheTable() {
        committing(row(1)).afterCompletion(STATUS_COMMITTED);
        committing(row(2)).afterCompletion(STATUS_COMMITTED);
        committing(row(3)).afterCompletion(STATUS_COMMITTED);
        committing(row(4)).afterCompletion(STATUS_COMMITTED);

        assertThat(handOff.readNeeded()).isTrue();
        assertThat(ids(handOff.take(10, id -> false))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCommitOfUnknownOutcomeIsLeftToTheTable() {
        committing(row(1)).afterCompletion(STATUS_UNKNOWN);

        assertThat(handOff.take(10, id -> false)).isEmpty();
        assertThat(handOff.readNeeded()).isTrue();
    }

    @Test
    void aTransactionOverWakesTheRelayAndARolledBackOneThatNeverReachedItsCommitDoesNot() throws InterruptedException {
        handOff.handOver(row(1)).afterCompletion(STATUS_ROLLED_BACK);
        assertThat(handOff.await(Duration.ZERO)).isFalse();

        committing(row(2)).afterCompletion(STATUS_COMMITTED);
        assertThat(handOff.await(Duration.ZERO)).isTrue();
    }

    @Test
    void aClosedHandOffGivesNothing() {
        committing(row(1)).afterCompletion(STATUS_COMMITTED);
        handOff.close();

        assertThat(handOff.take(10, id -> false)).isEmpty();
    }

    /** A row's synchronization as Spring leaves it after {@code beforeCommit}: the transaction is committing. */
    private TransactionSynchronization committing(OutboxRow row) {
        TransactionSynchronization synchronization = handOff.handOver(row);
        synchronization.beforeCommit(false);
        return synchronization;
    }

    private static OutboxRow row(long id) {
        return new OutboxRow(id, "evt-" + id, "topic", "key", "{}", Map.of());
    }

    private static List<Long> ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toList();
    }
}
