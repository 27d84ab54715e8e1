package dev.checkout.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A job drains its work in batches, outside a scheduler too. */
class JobLocksTest {

    @Test
    void batchesRunUntilOneIsShortOfFullAndTheirWorkIsAddedUp() {
        ArrayDeque<Integer> batches = new ArrayDeque<>(List.of(3, 3, 1, 3));

        assertThat(JobLocks.inBatches(3, batches::poll)).isEqualTo(7);
        assertThat(batches).containsExactly(3);
    }

    @Test
    void anEmptyFirstBatchEndsTheRun() {
        ArrayDeque<Integer> batches = new ArrayDeque<>(List.of(0, 3));

        assertThat(JobLocks.inBatches(3, batches::poll)).isZero();
    }
}
