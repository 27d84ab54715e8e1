package dev.checkout.notification;

/** A way to reach a user. */
interface Channel {

    String name();

    /** Delivers the message; throws when it could not (the message is then retried). */
    void deliver(String recipient, String body);
}
