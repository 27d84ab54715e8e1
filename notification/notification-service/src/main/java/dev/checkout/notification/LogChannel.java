package dev.checkout.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes notifications to the log: the channel of development and tests. */
@Component
class LogChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger("notifications");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(String recipient, String body) {
        log.info("to {}: {}", recipient, body);
    }
}
