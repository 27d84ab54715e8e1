package dev.checkout.identity;

import dev.checkout.platform.core.ServiceDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The identity service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(AdminAccountProperties.class)
public class IdentityServiceConfiguration {

    static final ServiceDescriptor IDENTITY = new ServiceDescriptor("identity-service", "identity");

    @Bean
    ServiceDescriptor identityService() {
        return IDENTITY;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
