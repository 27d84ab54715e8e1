package dev.checkout.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's SMTP server: GreenMail, a real SMTP server, in this process on a free local port, kept for
 * the process's life so a stop and start (an outage) reuses the port. What it received is the admin's mailbox. Public
 * for the end-to-end tests, which stop and start it to watch deliveries wait out an outage.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final int port;
    private GreenMail server;

    EmbeddedMailServer() {
        this.port = freePort();
    }

    int port() {
        return port;
    }

    public synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            log.info("embedded SMTP server listening on 127.0.0.1:{}", port);
        }
    }

    /** Stops accepting mail (what it received so far is lost with it, as with any restart of this development server). */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    /** One received message as the mailbox shows it. */
    record Received(String to, String subject, String kind, Instant receivedAt, String text) {
    }

    /** What the server received, newest first, only for {@code to} when given. */
    synchronized List<Received> received(String to) {
        if (server == null) {
            return List.of();
        }
        List<Received> messages = new java.util.ArrayList<>(Arrays.stream(server.getReceivedMessages())
                .map(EmbeddedMailServer::received)
                .filter(Objects::nonNull)
                .filter(message -> to == null || message.to().equalsIgnoreCase(to))
                .toList());
        java.util.Collections.reverse(messages); // GreenMail keeps them in the order they arrived
        return messages;
    }

    private static Received received(MimeMessage message) {
        try {
            String[] kind = message.getHeader("X-Checkout-Kind");
            var sent = message.getSentDate();
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return new Received(recipients == null || recipients.length == 0 ? "" : recipients[0].toString(), message.getSubject(),
                    kind == null ? null : kind[0], sent == null ? Instant.now() : sent.toInstant(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            log.warn("could not read a received message: {}", e.toString());
            return null;
        }
    }

    static Map<String, Object> view(Received message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("to", message.to());
        view.put("subject", message.subject());
        view.put("kind", message.kind());
        view.put("received_at", message.receivedAt());
        view.put("text", message.text());
        return view;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
