package dev.checkout.gateway;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** The parameters of {@code POST /v1/refunds}; without an amount, whatever remains of the charge is refunded. */
record RefundRequest(String charge, OptionalLong amount) {

    private static final Set<String> PARAMETERS = Set.of("charge", "amount");

    static RefundRequest from(RequestParams params) {
        params.allowOnly(PARAMETERS);
        return new RefundRequest(params.requiredString("charge"), params.optionalAmount("amount"));
    }

    Map<String, Object> canonical() {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("charge", charge);
        canonical.put("amount", amount.isPresent() ? amount.getAsLong() : null);
        return canonical;
    }
}
