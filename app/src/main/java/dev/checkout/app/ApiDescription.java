package dev.checkout.app;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import dev.checkout.platform.web.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description of the whole API at {@code /v3/api-docs}, with Swagger UI at {@code /swagger-ui.html}:
 * springdoc reads the controllers; this adds what it cannot see, the bearer tokens and the RFC 9457 problems every
 * endpoint may answer with their stable {@code code}s (api.md, Conventions).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String PROBLEM = "Problem";

    private static final String PROBLEM_JSON = "application/problem+json";

    /** The answers every endpoint may give, and the codes each carries. */
    private static final Map<String, List<String>> COMMON_PROBLEMS = Map.of(
            "400", List.of("validation_failed"),
            "401", List.of("unauthorized"),
            "403", List.of("forbidden"),
            "429", List.of("rate_limited"),
            "503", List.of("overloaded", "service_unavailable"));

    @Bean
    OpenAPI checkoutApi() {
        return new OpenAPI()
                .info(new Info().title("Checkout platform API").version("v1")
                        .description("Cart to confirmed order without overselling, charging twice or losing an order. "
                                + "Field names are snake_case; errors are RFC 9457 problems with a stable code."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    static {
        // The caller is resolved from the bearer token, never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * Property names as they travel: the platform's JSON mapper writes every member in snake_case (swagger's own
     * reader knows nothing of that setting), so the schemas get the same names.
     */
    @Bean
    OpenApiCustomizer snakeCaseSchemas() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            openApi.getComponents().getSchemas().values().forEach(ApiDescription::snakeCase);
        };
    }

    /** camelCase to snake_case as Jackson's SNAKE_CASE does for the names records use (its translate is not public). */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void snakeCase(Schema schema) {
        if (schema == null) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            Map<String, Schema> renamed = new java.util.LinkedHashMap<>();
            properties.forEach((name, property) -> {
                snakeCase(property);
                renamed.put(snakeCase(name), property);
            });
            schema.setProperties(renamed);
        }
        if (schema.getRequired() != null) {
            schema.setRequired(((List<String>) schema.getRequired()).stream().map(ApiDescription::snakeCase).toList());
        }
        snakeCase(schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            snakeCase(additional);
        }
    }

    /** Adds the problem answers to every operation that does not describe them itself. */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            COMMON_PROBLEMS.forEach((status, codes) -> {
                if (!operation.getResponses().containsKey(status)) {
                    operation.getResponses().addApiResponse(status, problem(codes));
                }
            });
            if (path.getParameters() != null || operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
                operation.getResponses().putIfAbsent("404", problem(List.of("not_found")));
            }
        }));
    }

    private static ApiResponse problem(List<String> codes) {
        return new ApiResponse().description("A problem; code: " + String.join(", ", codes))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details with the platform's stable code")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, machine-readable: validation_failed, insufficient_stock, ..."))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
    }
}
