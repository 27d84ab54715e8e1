package dev.checkout.notification;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
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
 * <p>
 * A round's messages go over one SMTP connection: a connection per message (and a copy of each message to give it its
 * id) made e-mail about a sixth of the CPU of a busy checkout (JFR).
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
                deliver(due);
                return due.size();
            });
        } while (delivered != null && delivered == BATCH);
    }

    private record Prepared(Notifications.Due due, String recipient, EmailTemplates.Email email) {
    }

    private void deliver(List<Notifications.Due> due) {
        Map<MimeMessage, Prepared> prepared = new LinkedHashMap<>();
        for (Notifications.Due notification : due) {
            try {
                Optional<String> recipient = notification.recipient() != null ? Optional.of(notification.recipient())
                        : recipients.emailOf(notification.userId());
                if (recipient.isEmpty()) {
                    notifications.failedAttempt(notification.notificationId(), "no e-mail address for user " + notification.userId(),
                            clock.instant(), true);
                    continue;
                }
                EmailTemplates.Email email = templates.render(notification.kind(), notification.data());
                prepared.put(message(notification, recipient.get(), email), new Prepared(notification, recipient.get(), email));
            } catch (RestClientException | MessagingException e) {
                failedAttempt(notification, e);
            }
        }
        if (prepared.isEmpty()) {
            return;
        }
        Map<Object, Exception> failures = Map.of();
        MailException failure = null;
        try {
            mail.send(prepared.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            failure = e;
        } catch (MailException e) {
            failure = e;
        }
        for (Map.Entry<MimeMessage, Prepared> entry : prepared.entrySet()) {
            Prepared sent = entry.getValue();
            Exception refused = failures.isEmpty() ? failure : failures.get(entry.getKey());
            if (refused != null) {
                failedAttempt(sent.due(), refused);
            } else {
                notifications.sent(sent.due().notificationId(), sent.recipient(), sent.email().subject(), sent.email().text());
            }
        }
    }

    private void failedAttempt(Notifications.Due due, Exception e) {
        int attempts = due.attempts() + 1;
        boolean givenUp = attempts >= properties.maxAttempts();
        log.warn("{} {} not delivered (attempt {}{}): {}", due.kind(), due.notificationId(), attempts, givenUp ? ", given up" : "", e.toString());
        notifications.failedAttempt(due.notificationId(), e.toString(), clock.instant().plus(properties.retryAfter(attempts)), givenUp);
    }

    /**
     * The e-mail as a plain text MIME message. Built by hand rather than with {@code MimeMessageHelper}, which, for a
     * message the sender did not create, loads the MIME type table from the classpath again for every message.
     */
    private MimeMessage message(Notifications.Due due, String recipient, EmailTemplates.Email email) throws MessagingException {
        MimeMessage message = new StableIdMessage(mail.createMimeMessage(), due.notificationId());
        message.setFrom(new InternetAddress(properties.mailFrom(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
        message.setSubject(email.subject(), "UTF-8");
        message.setText(email.text(), "UTF-8");
        message.setSentDate(java.util.Date.from(clock.instant()));
        message.setHeader("X-Checkout-Kind", due.kind());
        message.setHeader("X-Checkout-Notification-Id", due.notificationId());
        return message;
    }

    /** A message whose {@code Message-ID} is its notification's id, not a fresh one per attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String notificationId;

        /** An empty message in the sender's session (not a copy of {@code template}, which would serialise and parse it). */
        StableIdMessage(MimeMessage template, String notificationId) {
            super(template.getSession());
            this.notificationId = notificationId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + notificationId + "@checkout.localhost>");
        }
    }
}
