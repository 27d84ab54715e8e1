package dev.checkout.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The queue of gate counters to reconcile soon, without servers. */
class GateRepairsTest {

    @Test
    void countersAskedTwiceAreTakenOnceAndAskedAgainAfterAFailedRepair() {
        GateRepairs repairs = new GateRepairs();
        CounterKey widget = new CounterKey("prod_a", null);
        CounterKey gadget = new CounterKey("prod_b", null);

        repairs.ask(List.of(widget, gadget));
        repairs.ask(List.of(widget));

        assertThat(repairs.isAsked(widget)).isTrue();
        assertThat(repairs.take()).containsExactlyInAnyOrder(widget, gadget);
        assertThat(repairs.take()).isEmpty();
        assertThat(repairs.isAsked(widget)).isFalse();

        repairs.ask(List.of(gadget));
        assertThat(repairs.take()).containsExactly(gadget);
    }
}
