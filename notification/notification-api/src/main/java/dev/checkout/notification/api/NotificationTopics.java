package dev.checkout.notification.api;

/** Topics notification owns. */
public final class NotificationTopics {

    /** {@link SendNotification}, keyed by order id. */
    public static final String COMMANDS = "notification-commands";
    /** {@link NotificationSent}, keyed by order id. */
    public static final String REPLIES = "notification-replies";

    private NotificationTopics() {
    }
}
