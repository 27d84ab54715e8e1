package dev.checkout.platform.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MoneyTest {

    @Test
    void amountsAreRoundedHalfEvenToCents() {
        assertThat(Money.of(new BigDecimal("2.345"))).isEqualByComparingTo("2.34").hasScaleOf(2);
        assertThat(Money.of(new BigDecimal("1e3"))).isEqualByComparingTo("1000.00");
    }

    @Test
    @Timeout(5) // not a speed target: without the check this takes minutes, so the test would hang, not fail
    void aHugeExponentIsRefusedAtOnceInsteadOfBuildingHalfABillionDigits() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("5e500000000"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e16"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of(new BigDecimal("999999999999999.99"))).isEqualByComparingTo("999999999999999.99");
    }
}
