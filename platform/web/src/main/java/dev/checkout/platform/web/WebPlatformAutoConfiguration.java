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
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
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
 * and who may call what ({@link ApiSecurity}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@Import({ApiSecurity.class, ProblemHandlers.class, BoundedDecimalParameters.class, ProblemErrorController.class, HealthController.class})
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
     * Tokens are checked against identity's public key (RS256 or ES256 only), then their issuer and times, then (user tokens) the
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
        return userId -> internal.get("identity", AccountStatuses.PATH, AccountStatuses.ABSENT, AccountStatuses.Answer.class, userId)
                .map(AccountStatuses.Answer::active)
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

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }
}

