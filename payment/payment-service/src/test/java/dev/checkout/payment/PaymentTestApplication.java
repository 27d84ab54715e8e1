package dev.checkout.payment;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The payment service alone, on the platform, as its integration tests boot it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PaymentServiceConfiguration.class)
class PaymentTestApplication {
}
