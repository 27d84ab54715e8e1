package dev.checkout.platform.web;

import java.time.Clock;
import java.util.List;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
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
@Import({ProblemHandlers.class, ProblemErrorController.class, HealthController.class})
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

    /** Requests Tomcat refuses before any servlet runs get a problem too (see {@link ProblemErrorReportValve}). */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new ProblemErrorReports();
    }

    /** After Spring Boot's own error valve is added, so this one, nearer the application, answers first. */
    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                context.getParent().getPipeline().addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    ServiceUrls serviceUrls(org.springframework.core.env.Environment environment,
            ObjectProvider<InternalConnector> internalConnector) {
        return new ServiceUrls(environment, () -> {
            InternalConnector connector = internalConnector.getIfAvailable();
            return connector == null ? -1 : connector.port();
        });
    }

    /**
     * Tokens are checked against identity's public key (ES256 only), then their issuer and times, then (user tokens) the
     * account's status. Identity's private key is in identity's configuration, never here.
     */
    @Bean
    JwtDecoder jwtDecoder(ObjectProvider<TokenIssuer> localIssuer, ServiceUrls urls, SecurityProperties properties,
                          ObjectProvider<AccountStatuses> statuses, Clock clock) {
        var validator = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtIssuerValidator(properties.issuer()),
                new AccountStatusValidator(statuses::getObject, properties.accountCheck(), clock));
        return new IdentityKeysDecoder(localIssuer, urls, validator);
    }

    @Bean
    ServiceTokens serviceTokens(ObjectProvider<TokenIssuer> localIssuer, RestClient.Builder builder, ServiceUrls urls,
                                SecurityProperties properties, @Value("${spring.application.name:checkout}") String caller, Clock clock) {
        return new ServiceTokens(localIssuer, builder, urls, properties, caller, clock);
    }

    @Bean
    InternalApi internalApi(RestClient.Builder builder, ServiceUrls urls, ServiceTokens tokens) {
        return new InternalApi(builder, urls, tokens);
    }

    /** Where identity does not run in this process, its internal API says whether an account is active. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(AccountStatuses.class)
    AccountStatuses remoteAccountStatuses(InternalApi internal) {
        return userId -> internal.get("identity", AccountStatuses.PATH, "not_found", tools.jackson.databind.JsonNode.class, userId)
                .map(answer -> "ACTIVE".equals(answer.path("status").asString()))
                .orElse(false);
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

    /**
     * No observation around each of the security chain's filters: a dozen per request, exported nowhere, a few
     * percent of a busy checkout's request threads (JFR). The request's own observation (its span and its
     * {@code http.server.requests} timer) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    /**
     * A SERVICE token is for {@code /api/v1/internal/**} only: anywhere else it is refused (403), so a service that is
     * broken into cannot act as a user or an admin with the tokens it holds.
     */
    private static AuthorizationManager<RequestAuthorizationContext> notService(AuthorizationManager<RequestAuthorizationContext> rule) {
        return (authentication, context) -> {
            boolean service = authentication.get() != null && authentication.get().getAuthorities().stream()
                    .anyMatch(authority -> "ROLE_SERVICE".equals(authority.getAuthority()));
            return service ? new AuthorizationDecision(false) : rule.authorize(authentication, context);
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> hasRole(String role) {
        return AuthorityAuthorizationManager.hasRole(role);
    }

    private static AuthorizationManager<RequestAuthorizationContext> permitAll() {
        return (authentication, context) -> new AuthorizationDecision(true);
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
                        .requestMatchers("/actuator/**").access(notService(hasRole("ADMIN")))
                        // Services in other processes get their SERVICE tokens here, with the service credential.
                        .requestMatchers(HttpMethod.POST, ServiceTokens.PATH).permitAll()
                        .requestMatchers("/api/v1/internal/**").hasRole("SERVICE")
                        .requestMatchers("/api/v1/auth/**").access(notService(permitAll()))
                        .requestMatchers(HttpMethod.GET, "/api/v1/products/**", "/api/v1/categories/**", "/api/v1/search/**").access(notService(permitAll()))
                        .requestMatchers("/api/v1/carts/**").access(notService(permitAll()))
                        // A flash sale's page is public; its queue and orders need a customer.
                        .requestMatchers(HttpMethod.GET, "/api/v1/flash-sales/*").access(notService(permitAll()))
                        .requestMatchers("/api/v1/pricing/quotes").access(notService(permitAll()))
                        .requestMatchers("/api/v1/admin/**", "/api/v1/analytics/**").access(notService(hasRole("ADMIN")))
                        .requestMatchers("/api/v1/seller/**").access(notService(hasRole("SELLER")))
                        .requestMatchers("/api/v1/**").access(notService(AuthenticatedAuthorizationManager.authenticated()))
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
