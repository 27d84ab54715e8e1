package dev.checkout.platform.testing;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Points every {@link CheckoutIntegrationTest} context at the shared servers. */
class SharedServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, CheckoutIntegrationTest.class)) {
            return null;
        }
        return new SharedServersCustomizer();
    }

    /** All instances are equal, so the context cache shares contexts across test classes. */
    private static final class SharedServersCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new java.util.HashMap<>(SharedServers.addresses().asSpringProperties());
            // Each test JVM is one more instance of the services; keep its pool small.
            properties.put("spring.datasource.hikari.maximum-pool-size", "12");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("shared-test-servers", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SharedServersCustomizer;
        }

        @Override
        public int hashCode() {
            return SharedServersCustomizer.class.hashCode();
        }
    }
}
