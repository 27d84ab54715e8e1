/**
 * Notifications: e-mail over SMTP to customers (their order confirmed, failed or cancelled, a cart left idle) and to
 * admins (low stock), from Thymeleaf text templates ({@code classpath:email/<kind>.txt}). It owns the
 * {@code notification} schema: one row per kind and subject, written when the event is handled (so never twice),
 * delivered by a sender that retries with a doubling back-off while the SMTP server refuses or is down. The embedded
 * default runs a real SMTP server (GreenMail) in the process, whose received mail is the admin's mailbox
 * ({@code GET /api/v1/admin/mailbox}); otherwise Spring's {@code spring.mail.*} names the server. A plain service.
 */
package dev.checkout.notification;
