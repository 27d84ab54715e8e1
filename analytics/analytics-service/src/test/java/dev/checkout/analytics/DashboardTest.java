package dev.checkout.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void aRateIsAShareWithFourDecimals() {
        assertThat(Dashboard.rate(2, 3)).isEqualByComparingTo("0.6667");
    }

    @Test
    void thereIsNoRateOfNothing() {
        assertThat(Dashboard.rate(0, 0)).isNull();
    }

    @Test
    void moneyHasTwoDecimals() {
        assertThat(Dashboard.money(new BigDecimal("59.9")).toPlainString()).isEqualTo("59.90");
    }
}
