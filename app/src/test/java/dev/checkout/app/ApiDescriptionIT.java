package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description at {@code /v3/api-docs} covers every endpoint the controllers map, with the problems they answer. */
class ApiDescriptionIT extends EndToEndTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * Every endpoint of the application's controllers as {@code METHOD /path}: the error page, the description's own and
     * the web pages (storefront and back office, HTML for browsers, not API) aside.
     */
    List<String> controllerEndpoints() {
        TreeSet<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("dev.checkout.")
                    || handler.getBeanType().getPackageName().startsWith("dev.checkout.storefront")) {
                return;
            }
            info.getPatternValues().stream().filter(pattern -> !pattern.equals("/error"))
                    .forEach(pattern -> (info.getMethodsCondition().getMethods().isEmpty() ? List.of(RequestMethod.GET)
                            : info.getMethodsCondition().getMethods()).forEach(method -> endpoints.add(method.name() + " " + pattern)));
        });
        return List.copyOf(endpoints);
    }

    List<String> describedEndpoints(JsonNode description) {
        TreeSet<String> endpoints = new TreeSet<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> endpoints.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return List.copyOf(endpoints);
    }

    @Test
    void everyControllerEndpointIsDescribed() {
        ApiResponse description = api.get("/v3/api-docs");
        assertThat(description.status()).as(description.toString()).isEqualTo(200);
        assertThat(description.text("/openapi")).startsWith("3.");

        assertThat(controllerEndpoints()).as("the application's endpoints").contains("GET /api/v1/analytics/dashboard", "POST /api/v1/orders");
        assertThat(describedEndpoints(description.json())).as("endpoints in /v3/api-docs").containsAll(controllerEndpoints());
    }

    @Test
    void eachOperationDescribesItsProblemsWithTheirCodes() {
        JsonNode orders = api.get("/v3/api-docs").json().path("paths").path("/api/v1/orders/{orderId}").path("get");

        assertThat(orders.path("responses").path("404").path("description").asString()).contains("not_found");
        assertThat(orders.path("responses").path("401").path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/" + ApiDescription.PROBLEM);
        assertThat(orders.path("responses").path("400").path("description").asString()).contains("validation_failed");
    }

    @Test
    void schemasUseTheSnakeCaseNamesOfTheWire() {
        JsonNode schemas = api.get("/v3/api-docs").json().path("components").path("schemas");

        assertThat(schemas.toString()).contains("\"payment_success_rate\"").doesNotContain("\"paymentSuccessRate\"");
    }

    @Test
    void swaggerUiIsServedFromTheBuild() {
        ApiResponse page = api.get("/swagger-ui/index.html");

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
