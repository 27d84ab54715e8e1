package dev.checkout.notification;

import java.util.Map;

import dev.checkout.platform.web.ApiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN, embedded mail server only: {@code GET /api/v1/admin/mailbox?to=}: what that SMTP server received, newest first. */
@RestController
class MailboxController {

    private final ObjectProvider<EmbeddedMailServer> server;

    MailboxController(ObjectProvider<EmbeddedMailServer> server) {
        this.server = server;
    }

    @GetMapping("/api/v1/admin/mailbox")
    Map<String, Object> mailbox(@RequestParam(required = false) String to) {
        EmbeddedMailServer embedded = server.getIfAvailable();
        if (embedded == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "mailbox_unavailable", "E-mail goes to an external SMTP server; there is no mailbox to show");
        }
        return Map.of("messages", embedded.received(to == null || to.isBlank() ? null : to.trim()).stream().map(EmbeddedMailServer::view).toList());
    }
}
