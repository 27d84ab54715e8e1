package dev.checkout.platform.messaging;

/** A message that can never be handled as it is (not an envelope, a payload of the wrong shape). */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
