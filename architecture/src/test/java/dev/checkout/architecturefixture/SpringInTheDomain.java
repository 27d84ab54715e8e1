package dev.checkout.architecturefixture;

import dev.checkout.platform.core.DomainModel;
import org.springframework.stereotype.Component;

/** A deliberate violation for the architecture test: a domain type that leans on Spring. */
@DomainModel
@Component
public final class SpringInTheDomain {
}
