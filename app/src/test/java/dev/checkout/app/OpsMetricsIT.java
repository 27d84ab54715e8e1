package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The operations view refers only to what the platform exports: every metric named in the alert rules
 * ({@code ops/prometheus/alerts.yml}) and the dashboard's queries ({@code ops/grafana/checkout.json}) is in
 * {@code /actuator/prometheus}, and seed 003's checkout metrics are there.
 */
class OpsMetricsIT extends EndToEndTest {

    static final Path OPS = Path.of("..", "ops");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "inf", "nan");

    @Test
    void seed003sMetricsAreExported() {
        Set<String> exported = exportedMetrics();

        assertThat(exported).contains("checkout_orders_placed_total", "checkout_orders_confirmed_total", "checkout_orders_failed_total",
                "checkout_payments_total", "checkout_carts_total", "checkout_inventory_reservations_refused_total",
                "checkout_order_creation_latency_seconds_bucket", "checkout_outbox_lag_seconds", "checkout_dlq_depth",
                "checkout_saga_step_duration_seconds_bucket", "resilience4j_circuitbreaker_state");
    }

    @Test
    void everyMetricTheAlertRulesNameIsExported() throws IOException {
        List<String> expressions = alertExpressions();
        placeAnOrderSoRequestMetricsExist();
        Set<String> exported = exportedMetrics();

        assertThat(expressions).as("alert rules").hasSizeGreaterThan(5);
        for (String expression : expressions) {
            assertThat(exported).as("metrics of " + expression).containsAll(metricsIn(expression));
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        JsonNode dashboard = ApiClient.json().readTree(Files.readString(OPS.resolve("grafana/checkout.json")));
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString())));
        placeAnOrderSoRequestMetricsExist();
        Set<String> exported = exportedMetrics();

        assertThat(expressions).as("dashboard queries").hasSizeGreaterThan(5);
        for (String expression : expressions) {
            assertThat(exported).as("metrics of " + expression).containsAll(metricsIn(expression));
        }
    }

    @Test
    void ofTheKafkaClientsOwnMetricsOnlyTheConsumerLagTheAlertsReadIsExported() {
        placeAnOrderSoRequestMetricsExist();

        assertThat(exportedMetrics()).filteredOn(name -> name.startsWith("kafka_"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void theNameExtractionFindsMetricsButNotFunctionsLabelsOrKeywords() {
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le) (rate(a_bucket{uri=~\"/x|y\", status=\"5..\"}[5m]))) > 7 and b_total > 0"))
                .containsExactlyInAnyOrder("a_bucket", "b_total");
    }

    static Set<String> metricsIn(String expression) {
        String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(bare);
        while (matcher.find()) {
            String rest = bare.substring(matcher.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            if (!function && !number && !KEYWORDS.contains(matcher.group().toLowerCase())) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(OPS.resolve("prometheus/alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(String.valueOf(rule.get("expr")));
            }
        }
        return expressions;
    }

    private void placeAnOrderSoRequestMetricsExist() {
        ApiClient customer = fixtures.newCustomer();
        Fixtures.awaitSettled(customer, placeOrder(customer, fixtures.productWithStock("4.00", 3), 1, "tok_visa"));
    }

    private Set<String> exportedMetrics() {
        ApiResponse scrape = fixtures.admin().get("/actuator/prometheus");
        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
