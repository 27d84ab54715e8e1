package dev.checkout.platform.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of a service's domain model (an aggregate, its value objects, its events): plain Java that guards the
 * business rules, with no framework in it. The architecture test holds every type so marked to that.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface DomainModel {
}
