package dev.checkout.platform.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire name of a message record: the {@code event_type} it travels under. It is part of the contract, chosen once
 * and never derived from the class, so a record can be renamed or moved without breaking its consumers. Every record
 * published on a topic carries one, and no two records share one (the architecture tests check both).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {

    /** The wire name, e.g. {@code OrderConfirmed}; stable for as long as anyone may read the message. */
    String value();
}
