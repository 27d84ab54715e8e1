package dev.checkout.gateway;

import java.time.Clock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's own Spring context. Deliberately not {@code @SpringBootApplication}: it runs inside the platform's
 * JVM, whose classpath holds Security, JDBC, Kafka, Redis, Flyway and actuator, and none of their auto-configurations
 * may reach the outside world's server. So it imports exactly what a servlet JSON API needs (Tomcat, the
 * DispatcherServlet, MVC, the message converters and the error page) and scans only its own package.
 * <p>
 * JSON is written and read by a mapper built here rather than by Boot's Jackson auto-configuration: the ledger's file
 * format and the API's bodies must not change with {@code spring.jackson.*} settings the host might supply.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@ComponentScan(basePackageClasses = SimulatorApplication.class)
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorApplication {

    static JsonMapper jsonMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // Fields in the order the records declare them: the ledger and the bodies read like Stripe's.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // A newer simulator may add fields to ledger entries; an older file must still load, and vice versa.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    JsonMapper gatewayJsonMapper() {
        return jsonMapper();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Ledger ledger(SimulatorProperties properties, JsonMapper gatewayJsonMapper) {
        return new Ledger(properties.dataDir(), gatewayJsonMapper);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> abortableConnections() {
        return factory -> factory.addContextValves(new ConnectionDrop.AbortableConnectionValve());
    }
}
