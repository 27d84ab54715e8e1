package dev.checkout.notification;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The notification service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class NotificationServiceConfiguration {

    static final ServiceDescriptor NOTIFICATION = new ServiceDescriptor("notification-service", "notification");

    @Bean
    ServiceDescriptor notificationService() {
        return NOTIFICATION;
    }

    /** Notification's outbox and inbox. */
    @Component
    static class NotificationMessaging extends ServiceMessaging {
        NotificationMessaging(MessagingSupport support) {
            super(support, NOTIFICATION);
        }
    }
}
