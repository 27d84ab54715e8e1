package dev.checkout.notification;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/notifications?order_id=&user_id=}: what was sent to whom, by which channel. */
@RestController
class NotificationAdminController {

    private final Notifications notifications;

    NotificationAdminController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/admin/notifications")
    List<Notifications.Sent> notifications(@RequestParam(name = "order_id", required = false) String orderId,
                                                       @RequestParam(name = "user_id", required = false) String userId) {
        return notifications.find(orderId, userId); // a bare array, as the contract shows it
    }
}
