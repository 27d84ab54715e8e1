package dev.checkout.platform.testing;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** A response of the API under test: status, headers, raw body and the body as JSON (missing when not JSON). */
public record ApiResponse(int status, HttpHeaders headers, String body, JsonNode json) {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The text at a JSON pointer such as {@code /user_id}, or null. */
    public String text(String pointer) {
        JsonNode node = json.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    /** The RFC 9457 {@code code} of an error response. */
    public String code() {
        return text("/code");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
