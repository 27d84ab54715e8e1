package dev.checkout.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for black-box tests of the public API: JSON in, {@link ApiResponse} out, optional bearer token
 * and extra headers. Immutable; {@link #withToken} and {@link #withHeader} return new clients.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, Map.of());
    }

    public static ApiClient atPort(int port) {
        return at("http://127.0.0.1:" + port);
    }

    public ApiClient withToken(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiClient(baseUrl, Map.copyOf(copy));
    }

    /** A client with the same headers (the same token) for another server. */
    public ApiClient sameHeadersAt(String otherBaseUrl) {
        return new ApiClient(otherBaseUrl, headers);
    }

    /** The headers this client sends (its bearer token among them). */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, body == null ? null : JSON.writeValueAsString(body));
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, JSON.writeValueAsString(body));
    }

    public ApiResponse patch(String path, Object body) {
        return send("PATCH", path, JSON.writeValueAsString(body));
    }

    /** Sends {@code rawBody} exactly as given, for malformed-input tests. */
    public ApiResponse send(String method, String path, String rawBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (rawBody != null) {
            request.header("Content-Type", headers.getOrDefault("Content-Type", "application/json"));
            request.method(method, HttpRequest.BodyPublishers.ofString(rawBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}
