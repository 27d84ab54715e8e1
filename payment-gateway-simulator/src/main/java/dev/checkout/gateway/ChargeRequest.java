package dev.checkout.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The parameters of {@code POST /v1/charges}; {@code amount} in minor units, {@code currency} lower-cased. */
record ChargeRequest(long amount, String currency, String source, String description, Map<String, String> metadata) {

    private static final Set<String> PARAMETERS = Set.of("amount", "currency", "source", "description", "metadata");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    static ChargeRequest from(RequestParams params) {
        params.allowOnly(PARAMETERS);
        long amount = params.requiredAmount("amount");
        String currency = params.requiredString("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw ApiError.invalidRequest("parameter_invalid", "currency",
                    "Invalid currency: " + currency + ". It must be a three-letter ISO code, e.g. usd");
        }
        String source = params.requiredString("source");
        return new ChargeRequest(amount, currency.toLowerCase(Locale.ROOT), source,
                params.optionalString("description").orElse(null), params.metadata("metadata"));
    }

    /** What makes two requests "the same" for an idempotency key: every parameter, in a fixed order. */
    Map<String, Object> canonical() {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("amount", amount);
        canonical.put("currency", currency);
        canonical.put("source", source);
        canonical.put("description", description);
        canonical.put("metadata", new TreeMap<>(metadata));
        return canonical;
    }
}
