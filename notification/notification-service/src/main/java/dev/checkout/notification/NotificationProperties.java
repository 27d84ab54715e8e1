package dev.checkout.notification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail settings ({@code checkout.notification.*}); the SMTP server itself is Spring's {@code spring.mail.*} when
 * {@code embedded-mail-server} is off.
 *
 * @param embeddedMailServer run a real SMTP server (GreenMail) in this process and send to it; off with {@code --external}
 * @param mailFrom           the sender of every e-mail
 * @param adminEmails        who hears about low stock
 * @param firstRetryAfter    the wait after a first failed delivery; each next wait doubles
 * @param maxRetryAfter      the longest wait between attempts
 * @param maxAttempts        after this many failed attempts a notification is given up as FAILED
 * @param deliveryInterval   how often due e-mails are looked for
 */
@ConfigurationProperties("checkout.notification")
record NotificationProperties(
        @DefaultValue("true") boolean embeddedMailServer,
        @DefaultValue("orders@checkout.localhost") String mailFrom,
        @DefaultValue("admin@localhost") List<String> adminEmails,
        @DefaultValue("PT1S") Duration firstRetryAfter,
        @DefaultValue("PT30S") Duration maxRetryAfter,
        @DefaultValue("40") int maxAttempts,
        @DefaultValue("PT0.5S") Duration deliveryInterval) {

    /** The wait after the {@code attempts}-th failed attempt: doubling from the first, capped. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetryAfter.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }
}
