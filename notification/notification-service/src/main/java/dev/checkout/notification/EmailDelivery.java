package dev.checkout.notification;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Delivers queued notifications over SMTP, retrying with a doubling back-off while the SMTP server (or identity, for
 * the address) refuses or is down. Each due row is locked while its e-mail is sent and marked in the same transaction,
 * so two senders never send it twice; only a crash between the SMTP server's acceptance and that commit could repeat
 * one message, which is why each carries a stable {@code Message-ID} (its notification id) a mail system can de-duplicate by.
 */
@Component
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private static final int BATCH = 20;

    private final Notifications notifications;
    private final EmailTemplates templates;
    private final Recipients recipients;
    private final JavaMailSender mail;
    private final NotificationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailDelivery(Notifications notifications, EmailTemplates templates, Recipients recipients, JavaMailSender mail,
                  NotificationProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.notifications = notifications;
        this.templates = templates;
        this.recipients = recipients;
        this.mail = mail;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.notification.delivery-interval:PT0.5S}", initialDelayString = "${checkout.notification.delivery-interval:PT0.5S}")
    void deliverDue() {
        Integer delivered;
        do {
            delivered = transactions.execute(status -> {
                List<Notifications.Due> due = notifications.lockDue(BATCH);
                due.forEach(this::deliver);
                return due.size();
            });
        } while (delivered != null && delivered == BATCH);
    }

    private void deliver(Notifications.Due due) {
        try {
            Optional<String> recipient = due.recipient() != null ? Optional.of(due.recipient()) : recipients.emailOf(due.userId());
            if (recipient.isEmpty()) {
                notifications.failedAttempt(due.notificationId(), "no e-mail address for user " + due.userId(), clock.instant(), true);
                return;
            }
            EmailTemplates.Email email = templates.render(due.kind(), due.data());
            mail.send(message(due, recipient.get(), email));
            notifications.sent(due.notificationId(), recipient.get(), email.subject(), email.text());
        } catch (MailException | RestClientException | MessagingException e) {
            int attempts = due.attempts() + 1;
            boolean givenUp = attempts >= properties.maxAttempts();
            log.warn("{} {} not delivered (attempt {}{}): {}", due.kind(), due.notificationId(), attempts, givenUp ? ", given up" : "", e.toString());
            notifications.failedAttempt(due.notificationId(), e.toString(), clock.instant().plus(properties.retryAfter(attempts)), givenUp);
        }
    }

    private MimeMessage message(Notifications.Due due, String recipient, EmailTemplates.Email email) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(recipient);
        helper.setSubject(email.subject());
        helper.setText(email.text());
        helper.setSentDate(java.util.Date.from(clock.instant()));
        message.setHeader("X-Checkout-Kind", due.kind());
        message.setHeader("X-Checkout-Notification-Id", due.notificationId());
        return new StableIdMessage(message, due.notificationId());
    }

    /** A message whose {@code Message-ID} is its notification's id, not a fresh one per attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String notificationId;

        StableIdMessage(MimeMessage source, String notificationId) throws MessagingException {
            super(source);
            this.notificationId = notificationId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + notificationId + "@checkout.localhost>");
        }
    }
}
