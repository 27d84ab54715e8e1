package dev.checkout.platform.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Thousands of malformed and hostile requests across every endpoint the application maps (read from its own
 * {@code /actuator/mappings}, so an endpoint added later is covered without touching this): wrong types, missing and
 * extra fields, huge, negative and overflowing numbers, long and odd Unicode strings, NUL, ids of every shape, bad,
 * forged and missing tokens, replayed idempotency keys, wrong content types. Every answer must be below 500, carry no
 * stack trace, and every problem a {@code code}; a refused request (4xx) must change nothing: the platform's row counts
 * and the gateway ledger are the same after it as before. Seeded: the same seed sends the same requests.
 */
public final class HostileInputCampaign {

    /** One mapped endpoint: {@code POST /api/v1/carts/{cartId}/items}. */
    public record Endpoint(String method, String pattern) {

        boolean mutates() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }
    }

    /** What a run found: {@code N requests, M 5xx, K state changes}, and the first failures in full. */
    public record Result(long requests, long serverErrors, long stateChanges, long malformedProblems, List<String> failures) {

        public String summary() {
            return requests + " requests, " + serverErrors + " 5xx, " + stateChanges + " state changes"
                    + (malformedProblems > 0 ? ", " + malformedProblems + " problems without a code or with a stack trace" : "");
        }

        public boolean clean() {
            return serverErrors == 0 && stateChanges == 0 && malformedProblems == 0;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final List<String> FIELDS = List.of("email", "password", "first_name", "product_id", "variant_id",
            "quantity", "items", "cart_id", "holder_id", "shipping_address", "shipping_address_id", "payment_method", "type",
            "card_token", "coupon_code", "street", "city", "zip", "country", "state", "sku", "name", "brand", "description",
            "category_path", "base_price", "sale_price", "currency", "attributes", "variants", "warehouse_id",
            "quantity_total", "status", "tracking_number", "reason", "unit_price", "rating", "title", "body", "value",
            "code", "is_default", "price", "page", "limit");
    private static final List<String> QUERY = List.of("page", "limit", "status", "q", "topic", "user_id", "order_id",
            "category", "brand", "min_price", "max_price", "sort", "in_stock", "to", "since", "metric", "interval");

    private final ApiClient anonymous;
    private final Map<String, String> tokens;
    private final Map<String, String> knownIds;
    private final Supplier<Map<String, Long>> state;
    private final Random random;
    private final List<String> replayedKeys = new ArrayList<>();

    /**
     * @param anonymous a client of the platform without a token
     * @param tokens    bearer tokens by caller (a customer, an admin, a service...); hostile ones are added here
     * @param knownIds  ids that exist, by path variable name ({@code productId}), so requests also reach deeper
     * @param state     the platform's row counts and ledger size, read after each refused change
     */
    public HostileInputCampaign(ApiClient anonymous, Map<String, String> tokens, Map<String, String> knownIds,
                                Supplier<Map<String, Long>> state, long seed) {
        this.anonymous = anonymous;
        this.tokens = tokens;
        this.knownIds = knownIds;
        this.state = state;
        this.random = new Random(seed);
    }

    /** The endpoints the application maps, from {@code /actuator/mappings} (read as an admin): its API and well-known paths. */
    public static List<Endpoint> endpoints(ApiClient admin) {
        ApiResponse mappings = admin.get("/actuator/mappings");
        if (mappings.status() != 200) {
            throw new IllegalStateException("cannot read the application's mappings: " + mappings);
        }
        Set<Endpoint> found = new LinkedHashSet<>();
        for (JsonNode servlets : mappings.json().path("contexts").findValues("dispatcherServlets")) {
            for (JsonNode mapping : servlets.path("dispatcherServlet")) {
                JsonNode conditions = mapping.path("details").path("requestMappingConditions");
                for (JsonNode pattern : conditions.path("patterns")) {
                    String path = pattern.asString();
                    if (!path.startsWith("/api/") && !path.startsWith("/.well-known/")) {
                        continue;
                    }
                    List<String> methods = new ArrayList<>();
                    conditions.path("methods").forEach(method -> methods.add(method.asString()));
                    if (methods.isEmpty()) {
                        methods.addAll(List.of("GET", "POST"));
                    }
                    methods.forEach(method -> found.add(new Endpoint(method, path)));
                }
            }
        }
        return List.copyOf(found);
    }

    public Result run(List<Endpoint> endpoints, int requests) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoints to send to");
        }
        long serverErrors = 0;
        long stateChanges = 0;
        long malformed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Map<String, Long> before = endpoint.mutates() ? state.get() : Map.of();
            Sent sent = send(endpoint);
            ApiResponse answer = sent.response();
            String what = sent.describe();
            if (answer.status() >= 500) {
                serverErrors++;
                note(failures, "5xx: " + what + " -> " + answer);
            }
            if (answer.status() >= 400 && (answer.json().path("code").asString("").isEmpty() || holdsStackTrace(answer.body()))) {
                malformed++;
                note(failures, "problem without a code or with internals: " + what + " -> " + answer);
            }
            if (endpoint.mutates() && answer.status() >= 400) {
                Map<String, Long> after = state.get();
                String grown = grown(before, after);
                if (!grown.isEmpty()) {
                    stateChanges++;
                    note(failures, "refused (" + answer.status() + ") but added " + grown + ": " + what);
                }
            }
        }
        return new Result(requests, serverErrors, stateChanges, malformed, failures);
    }

    private record Sent(String method, String path, String body, String caller, ApiResponse response) {
        String describe() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + " as " + caller + " " + shown;
        }
    }

    private Sent send(Endpoint endpoint) {
        String path = fill(endpoint.pattern()) + query();
        String caller = pick(callers());
        ApiClient client = anonymous;
        if (!caller.equals("anonymous")) {
            client = client.withToken(tokenOf(caller));
        }
        String key = idempotencyKey();
        if (key != null) {
            client = client.withHeader("Idempotency-Key", key);
        }
        String contentType = random.nextInt(10) == 0 ? pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x")) : null;
        if (contentType != null) {
            client = client.withHeader("Content-Type", contentType);
        }
        String body = endpoint.mutates() || random.nextInt(10) == 0 ? body() : null;
        return new Sent(endpoint.method(), path, body, caller, client.send(endpoint.method(), path, body));
    }

    private List<String> callers() {
        List<String> callers = new ArrayList<>(tokens.keySet());
        callers.addAll(List.of("anonymous", "anonymous", "garbage-token", "forged-alg-none", "expired-looking"));
        return callers;
    }

    private String tokenOf(String caller) {
        return switch (caller) {
            case "garbage-token" -> pick(List.of("x", "Bearer", "a.b.c", "e30.e30.", "\u00e9\u00e9\u00e9", "0".repeat(5000)));
            case "forged-alg-none" -> "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyX2FkbWluIiwicm9sZXMiOlsiQURNSU4iXX0.";
            case "expired-looking" -> "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ1c2VyXzEiLCJleHAiOjF9.c2lnbmF0dXJl";
            default -> tokens.get(caller);
        };
    }

    private String idempotencyKey() {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "k".repeat(random.nextInt(2) == 0 ? 256 : 5000);
            case 3 -> replayedKeys.isEmpty() ? UUID.randomUUID().toString() : pick(replayedKeys);
            default -> {
                String key = UUID.randomUUID().toString();
                if (replayedKeys.size() < 50) {
                    replayedKeys.add(key);
                }
                yield key;
            }
        };
    }

    private String fill(String pattern) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String known = knownIds.get(matcher.group(1));
            String value = known != null && random.nextInt(3) == 0 ? known : hostileId();
            matcher.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private String hostileId() {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> "..";
            case 2 -> "a/b";
            case 3 -> "prod_" + "f".repeat(5000);
            case 4 -> "order_' or '1'='1";
            case 5 -> "\u0000";
            case 6 -> "cart_\u202e\ud83d\ude00";
            case 7 -> "-1";
            case 8 -> "2147483648";
            case 9 -> "%";
            case 10 -> "x;y=z";
            case 11 -> "user_" + UUID.randomUUID();
            case 12 -> "null";
            default -> "prod_" + UUID.randomUUID().toString().replace("-", "");
        };
    }

    private String query() {
        if (random.nextInt(3) != 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            query.append(URLEncoder.encode(pick(QUERY), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(withinRequestHead(String.valueOf(scalar())), StandardCharsets.UTF_8)).append('&');
        }
        return query.substring(0, query.length() - 1);
    }

    /**
     * Long values go in bodies; in a URL they stay within the request head the server reads (64 KB, see
     * 20-web.yaml). A head beyond it is refused by Tomcat, which answers 400 and closes the connection with the rest
     * unread: the kernel then resets it, and whether a client reads the answer before the reset is a race.
     */
    private static String withinRequestHead(String value) {
        return value.length() > 8_000 ? value.substring(0, 8_000) : value;
    }

    private String body() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "not json at all";
            case 3 -> "[" .repeat(200) + "]".repeat(200);
            case 4 -> "{\"a\": 1, \"a\": 2}";
            case 5 -> "null";
            case 6 -> "\"" + "x".repeat(200_000) + "\"";
            default -> ApiClient.json().writeValueAsString(object(0));
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = random.nextInt(6); i >= 0; i--) {
            String name = random.nextInt(8) == 0 ? hostileString() : pick(FIELDS);
            object.put(name, value(depth + 1));
        }
        return object;
    }

    private Object value(int depth) {
        if (depth < 4 && random.nextInt(5) == 0) {
            if (random.nextBoolean()) {
                return object(depth);
            }
            List<Object> array = new ArrayList<>(); // nulls included
            array.add(value(depth + 1));
            array.add(value(depth + 1));
            return array;
        }
        return scalar();
    }

    private Object scalar() {
        return switch (random.nextInt(20)) {
            case 0 -> null;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> Long.MIN_VALUE;
            case 3 -> -1;
            case 4 -> 0;
            case 5 -> new java.math.BigDecimal("5e500000000");
            case 6 -> new java.math.BigDecimal("1e-999999");
            case 7 -> new java.math.BigInteger("9".repeat(90));
            case 8 -> 1.5;
            case 9 -> true;
            case 10 -> 1;
            case 11, 12, 13 -> hostileString();
            default -> pick(List.of("tok_visa", "tok_4242424242424242", "US", "card", "PENDING", "wh_main", "SKU-1", "a@b.co", "12345678"));
        };
    }

    private String hostileString() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "   ";
            case 2 -> "nul\u0000byte";
            case 3 -> "x".repeat(random.nextInt(2) == 0 ? 101 : 70_000);
            case 4 -> "\ud83d\ude00".repeat(100);
            case 5 -> "\u202e\u0301\uFEFF\u200b";
            case 6 -> "'; drop table orders; --";
            case 7 -> "<script>alert(1)</script>";
            case 8 -> "\ud800";
            default -> "é".repeat(73);
        };
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static boolean holdsStackTrace(String body) {
        return body != null && (body.contains("\tat ") || body.contains("Exception:") || body.contains("at dev.checkout.")
                || body.contains("at org.springframework."));
    }

    /**
     * The tables that gained rows between the two readings, or empty. Only growth counts against a refused request: it
     * may never create anything, while the platform's own jobs keep deleting what earlier tests left (released claims,
     * expired carts), and counting those would blame the request that happened to run meanwhile.
     */
    private static String grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> changed = new LinkedHashMap<>();
        after.forEach((name, count) -> {
            Long was = before.get(name);
            if (was == null || count > was) {
                changed.put(name, was + " -> " + count);
            }
        });
        return changed.isEmpty() ? "" : changed.toString();
    }

    private static void note(List<String> failures, String failure) {
        if (failures.size() < 20) {
            failures.add(failure);
        }
    }
}
