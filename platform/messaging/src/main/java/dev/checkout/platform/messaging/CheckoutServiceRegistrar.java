package dev.checkout.platform.messaging;

import java.util.Map;
import java.util.Objects;

import dev.checkout.platform.core.ServiceDescriptor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.kafka.core.KafkaAdmin;

/** Registers what {@link CheckoutService} names: the service's descriptor, its topics and its messaging. */
final class CheckoutServiceRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

    private BeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> service = Objects.requireNonNull(metadata.getAnnotationAttributes(CheckoutService.class.getName()),
                () -> metadata.getClassName() + " is not a @CheckoutService");
        ServiceDescriptor descriptor = new ServiceDescriptor((String) service.get("name"), (String) service.get("schema"));
        registry.registerBeanDefinition(descriptor.name() + ".descriptor", new RootBeanDefinition(ServiceDescriptor.class, () -> descriptor));

        String[] topics = (String[]) service.get("topics");
        if (topics.length > 0) {
            registry.registerBeanDefinition(descriptor.name() + ".topics", new RootBeanDefinition(KafkaAdmin.NewTopics.class,
                    () -> beans.getBean(Topics.class).declare(topics)));
        }

        Class<?>[] messaging = (Class<?>[]) service.get("messaging");
        if (messaging.length > 1) {
            throw new IllegalStateException(metadata.getClassName() + " names more than one messaging class");
        }
        for (Class<?> type : messaging) {
            RootBeanDefinition definition = new RootBeanDefinition(type);
            definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(1, descriptor);
            registry.registerBeanDefinition(type.getName(), definition);
        }
    }
}
