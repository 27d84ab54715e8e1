package dev.checkout.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class CounterKeyTest {

    @Test
    void everyKeyTheGateScriptTouchesHashesToOneClusterSlot() {
        CounterKey product = new CounterKey("prod_1", null);
        CounterKey variant = new CounterKey("prod_2", "var_9");

        List<String> keys = List.of(product.availableKey(), product.inFlightKey(), variant.availableKey(), variant.inFlightKey(),
                CounterKey.ownerKey("order_1"), CounterKey.OWNERS_IN_FLIGHT);

        assertThat(keys).extracting(SlotHash::getSlot).containsOnly(SlotHash.getSlot(CounterKey.OWNERS_IN_FLIGHT));
    }

    @Test
    void aCounterIdReadsBackAsTheSameProductAndVariant() {
        assertThat(CounterKey.parse(new CounterKey("prod_1", null).id())).isEqualTo(new CounterKey("prod_1", null));
        assertThat(CounterKey.parse(new CounterKey("prod_1", "var_2").id())).isEqualTo(new CounterKey("prod_1", "var_2"));
    }

    @Test
    void aProductAndOneOfItsVariantsAreCountedApart() {
        assertThat(new CounterKey("prod_1", null).availableKey()).isNotEqualTo(new CounterKey("prod_1", "var_2").availableKey());
    }
}
