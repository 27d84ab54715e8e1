package dev.checkout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CheckoutBenchTest {

    private static final Duration ROUND = Duration.ofSeconds(10);

    @Test
    void theCompilersHaveSettledWhenTheyWereBusyForLessThanATenthOfARound() {
        assertThat(CheckoutBench.jitSettled(999, ROUND)).isTrue();
        assertThat(CheckoutBench.jitSettled(0, ROUND)).isTrue();
    }

    @Test
    void compilersBusyForATenthOfARoundOrMoreAreStillWarmingUp() {
        assertThat(CheckoutBench.jitSettled(1_000, ROUND)).isFalse();
        assertThat(CheckoutBench.jitSettled(7_500, ROUND)).isFalse();
    }
}
