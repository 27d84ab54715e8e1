package dev.checkout.platform.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsCarryTheirTypeAnd128RandomBits() {
        String id = Ids.newId("cart");
        assertThat(id).matches("cart_[0-9a-f]{32}");
        assertThat(Ids.looksLike("cart", id)).isTrue();
        assertThat(Ids.looksLike("order", id)).isFalse();
        assertThat(Ids.looksLike("cart", "cart_xyz")).isFalse();
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.newId("x"))).isTrue();
        }
    }

    @Test
    void aSchemaNameMustBeAPlainIdentifierBecauseItIsSplicedIntoSql() {
        assertThat(new ServiceDescriptor("order-service", "orders").table("outbox")).isEqualTo("orders.outbox");
        assertThatThrownBy(() -> new ServiceDescriptor("x", "orders; drop table x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceDescriptor("x", "Orders")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyHasTwoDecimalsAndGatewaysCountCents() {
        assertThat(Money.of("19.999")).isEqualByComparingTo("20.00");
        assertThat(Money.of("19.985").toPlainString()).isEqualTo("19.98");
        assertThat(Money.toMinorUnits(Money.of("12.50"))).isEqualTo(1250);
        assertThat(Money.fromMinorUnits(1999)).isEqualByComparingTo("19.99");
    }
}
