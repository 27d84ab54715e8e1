package dev.checkout.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void cardNumbersOfTheMajorNetworksAreRecognisedWithOrWithoutGrouping() {
        assertThat(CardNumbers.looksLikeCardNumber("4242424242424242")).isTrue();
        assertThat(CardNumbers.looksLikeCardNumber("4242 4242 4242 4242")).isTrue();
        assertThat(CardNumbers.looksLikeCardNumber("5555-5555-5555-4444")).isTrue();
        assertThat(CardNumbers.looksLikeCardNumber("378282246310005")).isTrue();
        assertThat(CardNumbers.looksLikeCardNumber("6011111111111117")).isTrue();
    }

    @Test
    void tokensTimestampsAndNumbersFailingLuhnAreNotCardNumbers() {
        assertThat(CardNumbers.looksLikeCardNumber("tok_visa")).isFalse();
        assertThat(CardNumbers.looksLikeCardNumber("4242424242424241")).isFalse();
        assertThat(CardNumbers.looksLikeCardNumber("1763721000009")).isFalse();
        assertThat(CardNumbers.looksLikeCardNumber("424242424242")).isFalse();
        assertThat(CardNumbers.looksLikeCardNumber(null)).isFalse();
    }

    @Test
    void cardNumbersAreFoundInTextButNotInsideIds() {
        assertThat(CardNumbers.findIn("charged card 4242424242424242 for order_1")).containsExactly("4242424242424242");
        assertThat(CardNumbers.findIn("order_a4242424242424242 pay_4242424242424242f")).isEmpty();
    }
}
