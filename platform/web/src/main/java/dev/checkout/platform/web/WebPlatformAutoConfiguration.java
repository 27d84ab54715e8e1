package dev.checkout.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP conventions of the API for every service of the process: strict snake_case JSON, problems, correlation ids,
 * and who may call what. The access rules mirror the roles of the API contract; services add finer checks (a cart or
 * an order belongs to its user) in their use cases.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@Import({ProblemHandlers.class, ProblemErrorController.class, HealthController.class, ProductionSecretsGuard.class})
public class WebPlatformAutoConfiguration {

    /**
     * Bad input must be refused, not guessed at: {@code "quantity": "2"}, {@code 2.5} or {@code null} for a number is
     * a 400, not a silent 2. Unknown fields are ignored so clients (and message producers) can evolve.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(EdgeValues.module())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /**
     * What the parser reads at all, before any field sees it: a request body is at most 1 MiB (the size filter turns
     * a longer declared length into a 413 before reading), no string longer than 100,000 characters (Jackson's default
     * is 100 million), no number longer than 100 digits, nesting at most 64 deep. Each field's own bounds are its
     * validation annotations; {@link EdgeValues} bounds every number's magnitude.
     */
    @Bean
    JsonFactoryBuilderCustomizer boundedJson(@Value("${checkout.web.max-request-size:1MB}") DataSize maxRequestSize) {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxRequestSize.toBytes())
                .maxStringLength(100_000)
                .maxNumberLength(100)
                .maxNameLength(1_000)
                .maxNestingDepth(64)
                .maxTokenCount(200_000)
                .build());
    }

    @Bean
    FilterRegistrationBean<HostileRequestFilter> hostileRequestFilter(@Value("${checkout.web.max-request-size:1MB}") DataSize maxRequestSize,
                                                                      ObjectProvider<ProblemWriter> problems) {
        var registration = new FilterRegistrationBean<>(new HostileRequestFilter(maxRequestSize.toBytes(), problems));
        // Right after the correlation id, before security and before anything reads the body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        var registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        // Before security, so a 401 carries the header and its log line the id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    @ConditionalOnProperty(name = "checkout.web.internal-connector.enabled", matchIfMissing = true)
    InternalConnector internalConnector(@Value("${checkout.web.internal-connector.port:0}") int port,
            @Value("${checkout.web.internal-connector.max-threads:64}") int maxThreads) {
        return new InternalConnector(port, maxThreads);
    }

    @Bean
    ServiceUrls serviceUrls(org.springframework.core.env.Environment environment,
            ObjectProvider<InternalConnector> internalConnector) {
        return new ServiceUrls(environment, () -> {
            InternalConnector connector = internalConnector.getIfAvailable();
            return connector == null ? -1 : connector.port();
        });
    }

    @Bean
    SecretKey jwtKey(SecurityProperties properties) {
        return new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtKey, SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
    }

    @Bean
    TokenIssuer tokenIssuer(JwtEncoder jwtEncoder, SecurityProperties properties, Clock clock) {
        return new TokenIssuer(jwtEncoder, properties, clock);
    }

    @Bean
    InternalApi internalApi(RestClient.Builder builder, ServiceUrls urls, TokenIssuer tokens,
                            @Value("${spring.application.name:checkout}") String caller) {
        return new InternalApi(builder, urls, tokens, caller);
    }

    /**
     * Rate limits ({@link RateLimited}), on unless {@code checkout.rate-limits.enabled=false} (benchmarks and chaos runs
     * turn them off). Every operation an endpoint names must have a valid limit, or the process does not start.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "checkout.rate-limits.enabled", matchIfMissing = true)
    static class RateLimiting {

        @Bean
        RateLimits rateLimits(org.springframework.core.env.Environment environment, ObjectProvider<LettuceConnectionFactory> redis) {
            return new RateLimits(environment, () -> (io.lettuce.core.RedisClient) redis.getObject().getNativeClient());
        }

        @Bean
        RateLimitEnforcement rateLimitEnforcement(RateLimits limits) {
            return new RateLimitEnforcement(limits);
        }

        @Bean
        WebMvcConfigurer rateLimitInterceptor(RateLimitEnforcement enforcement) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(enforcement);
                }
            };
        }

        @Bean
        SmartInitializingSingleton everyRateLimitIsConfigured(ListableBeanFactory beans, RateLimits limits) {
            return () -> beans.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                    mapping.getHandlerMethods().values().forEach(method ->
                            RateLimitEnforcement.limitsOf(method.getMethod()).forEach(limit -> limits.limitOf(limit.operation()))));
        }
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        var roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        var tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(roles);
        var bearer = new BearerTokenAuthenticationEntryPoint();

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/error", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/auth/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/products/**", "/api/v1/categories/**", "/api/v1/search/**").permitAll()
                        .requestMatchers("/api/v1/carts/**").permitAll()
                        .requestMatchers("/api/v1/pricing/quotes").permitAll()
                        .requestMatchers("/api/v1/admin/**", "/api/v1/analytics/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/internal/**").hasRole("SERVICE")
                        .requestMatchers("/api/v1/seller/**").hasRole("SELLER")
                        .requestMatchers("/api/v1/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((request, response, exception) -> {
                            bearer.commence(request, response, exception); // sets WWW-Authenticate
                            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "This needs a valid bearer token");
                        })
                        .accessDeniedHandler((request, response, exception) ->
                                problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, exception) -> {
                            bearer.commence(request, response, exception);
                            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "This needs a valid bearer token");
                        })
                        .accessDeniedHandler((request, response, exception) ->
                                problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this")));
        return http.build();
    }
}
