package dev.checkout.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChargeRequestTest {

    static ChargeRequest read(String json) {
        return ChargeRequest.from(RequestParams.parse(SimulatorApplication.jsonMapper(),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    static String param(ApiError error) {
        return error.body().error().param();
    }

    @Test
    void theCurrencyIsKeptInLowerCaseSoUsdAndUSDAreTheSameRequest() {
        ChargeRequest upper = read("{\"amount\":100,\"currency\":\"USD\",\"source\":\"tok_visa\"}");
        ChargeRequest lower = read("{\"amount\":100,\"currency\":\"usd\",\"source\":\"tok_visa\"}");

        assertThat(upper.currency()).isEqualTo("usd");
        assertThat(upper.canonical()).isEqualTo(lower.canonical());
    }

    @Test
    void theAmountIsAPositiveWholeNumberOfMinorUnits() {
        for (String amount : new String[] {"0", "-5", "1.5", "\"100\"", "100000000"}) {
            assertThatThrownBy(() -> read("{\"amount\":" + amount + ",\"currency\":\"usd\",\"source\":\"tok_visa\"}"))
                    .isInstanceOfSatisfying(ApiError.class, error -> {
                        assertThat(error.status()).isEqualTo(400);
                        assertThat(param(error)).isEqualTo("amount");
                    });
        }
    }

    @Test
    void metadataIsPartOfWhatMakesTwoRequestsTheSame() {
        ChargeRequest plain = read("{\"amount\":100,\"currency\":\"usd\",\"source\":\"tok_visa\"}");
        ChargeRequest tagged = read(
                "{\"amount\":100,\"currency\":\"usd\",\"source\":\"tok_visa\",\"metadata\":{\"order\":\"o1\"}}");

        assertThat(tagged.metadata()).containsEntry("order", "o1");
        assertThat(tagged.canonical()).isNotEqualTo(plain.canonical());
    }

    @Test
    void missingAndUnknownParametersAreNamed() {
        assertThatThrownBy(() -> read("{\"amount\":100,\"currency\":\"usd\"}"))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(param(error)).isEqualTo("source"));
        assertThatThrownBy(() -> read("{\"amount\":100,\"currency\":\"usd\",\"source\":\"tok_visa\",\"cvc\":1}"))
                .isInstanceOfSatisfying(ApiError.class, error -> assertThat(param(error)).isEqualTo("cvc"));
    }
}
