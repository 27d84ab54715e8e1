package dev.checkout.notification;

import java.util.Properties;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The notification service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "notification-service", schema = "notification",
        messaging = NotificationServiceConfiguration.NotificationMessaging.class)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationServiceConfiguration {

    /** The system property through which Jakarta Mail takes its stream provider by name instead of looking it up. */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    static {
        pinMailStreamProvider();
    }

    /**
     * Jakarta Mail looks its {@code StreamProvider} up again each time it writes or reads a message part
     * ({@code StreamProvider.provider()} through a {@code ServiceLoader}, jakartaee/mail-api#861), which in the packaged
     * application scans every nested jar: 5.9% of the platform's Java samples under the checkout bench (JFR), for the
     * sender and the embedded server alike. Named, it is one class lookup. A name given on the command line is kept.
     */
    static void pinMailStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Notification's outbox and inbox. */
    static class NotificationMessaging extends ServiceMessaging {
        NotificationMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }

    /** The embedded default: a real SMTP server in this process, and the sender pointed at it (Spring's {@code spring.mail.*} otherwise). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "checkout.notification.embedded-mail-server", havingValue = "true", matchIfMissing = true)
    static class EmbeddedMail {

        @Bean(initMethod = "start", destroyMethod = "close")
        EmbeddedMailServer embeddedMailServer() {
            return new EmbeddedMailServer();
        }

        @Bean
        JavaMailSender embeddedMailSender(EmbeddedMailServer server) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.port());
            Properties properties = new Properties();
            // A server that does not answer must fail the attempt (it is retried), not hold the sender for good.
            properties.setProperty("mail.smtp.connectiontimeout", "5000");
            properties.setProperty("mail.smtp.timeout", "5000");
            properties.setProperty("mail.smtp.writetimeout", "5000");
            sender.setJavaMailProperties(properties);
            return sender;
        }
    }
}
