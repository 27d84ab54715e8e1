package dev.checkout.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON object a request carried, read field by field so that each mistake is answered like Stripe does: a 400
 * naming the parameter, never a stack trace or a generic parse error.
 */
final class RequestParams {

    /** Stripe's ceiling for an amount: eight digits of minor units. */
    static final long MAX_AMOUNT = 99_999_999L;

    private final JsonNode object;

    private RequestParams(JsonNode object) {
        this.object = object;
    }

    /** Larger bodies are refused: no request of this API comes near it. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * Reads the body as JSON whatever its declared content type, straight from the request: a form content type would
     * otherwise have the servlet layer re-encode the bytes as form parameters before anyone sees them.
     */
    static RequestParams read(JsonMapper mapper, HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiError(413, ApiError.INVALID_REQUEST, "request_too_large",
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.", null);
        }
        return parse(mapper, body);
    }

    static RequestParams parse(JsonMapper mapper, byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new RequestParams(mapper.createObjectNode());
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.invalidRequest("invalid_json", null, "The request body is not valid JSON; this gateway speaks JSON only.");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalidRequest("invalid_json", null, "The request body must be a JSON object.");
        }
        return new RequestParams(node);
    }

    /** Refuses parameters the endpoint does not know, as Stripe does, so a misspelt one is not silently ignored. */
    RequestParams allowOnly(Set<String> known) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw ApiError.invalidRequest("parameter_unknown", name, "Received unknown parameter: " + name);
            }
        }
        return this;
    }

    private Optional<JsonNode> value(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    Optional<String> optionalString(String name) {
        return value(name).map(value -> {
            if (!value.isString()) {
                throw ApiError.invalidRequest("parameter_invalid", name, "Invalid " + name + ": must be a string");
            }
            return value.asString();
        });
    }

    long requiredAmount(String name) {
        return optionalAmount(name).orElseThrow(() -> missing(name));
    }

    /** A positive whole number of minor units, at most {@link #MAX_AMOUNT}. */
    OptionalLong optionalAmount(String name) {
        Optional<JsonNode> value = value(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode amount = value.get();
        if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0) {
            throw ApiError.invalidRequest("parameter_invalid_integer", name,
                    "Invalid " + name + ": must be a positive integer in the currency's minor unit (e.g. cents)");
        }
        if (amount.asLong() > MAX_AMOUNT) {
            throw ApiError.invalidRequest("amount_too_large", name,
                    "Amount must be no more than " + MAX_AMOUNT + " in minor units");
        }
        return OptionalLong.of(amount.asLong());
    }

    /** Stripe metadata: a flat object of short keys and scalar values, kept as strings. */
    Map<String, String> metadata(String name) {
        Optional<JsonNode> value = value(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (!value.get().isObject()) {
            throw ApiError.invalidRequest("parameter_invalid", name, "Invalid " + name + ": must be an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.get().properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode item = field.getValue();
            String param = name + "[" + field.getKey() + "]";
            if (field.getKey().isEmpty() || field.getKey().length() > 40) {
                throw ApiError.invalidRequest("parameter_invalid", param, "Metadata keys have 1 to 40 characters");
            }
            if (!item.isValueNode() || item.isNull() || item.asString().length() > 500) {
                throw ApiError.invalidRequest("parameter_invalid", param,
                        "Metadata values are strings, numbers or booleans of at most 500 characters");
            }
            metadata.put(field.getKey(), item.asString());
        }
        if (metadata.size() > 50) {
            throw ApiError.invalidRequest("parameter_invalid", name, "Metadata holds at most 50 keys");
        }
        return metadata;
    }

    /** A probability between 0 and 1; omitted means 0. */
    double rate(String name) {
        Optional<JsonNode> value = value(name);
        if (value.isEmpty()) {
            return 0;
        }
        if (!value.get().isNumber() || value.get().asDouble() < 0 || value.get().asDouble() > 1) {
            throw ApiError.invalidRequest("parameter_invalid", name, "Invalid " + name + ": must be between 0 and 1");
        }
        return value.get().asDouble();
    }

    /** A whole number between 0 and {@code max}; omitted means 0. */
    long boundedLong(String name, long max) {
        Optional<JsonNode> value = value(name);
        if (value.isEmpty()) {
            return 0;
        }
        JsonNode number = value.get();
        if (!number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() < 0
                || number.asLong() > max) {
            throw ApiError.invalidRequest("parameter_invalid_integer", name,
                    "Invalid " + name + ": must be a whole number between 0 and " + max);
        }
        return number.asLong();
    }

    private static ApiError missing(String name) {
        return ApiError.invalidRequest("parameter_missing", name, "Missing required param: " + name + ".");
    }
}
