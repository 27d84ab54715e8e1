/**
 * The process that runs the services: all of them by default (the embedded mode of {@code ./checkout run}), or the
 * ones named by {@code --services} when each runs as its own process. {@link dev.checkout.app.CheckoutLauncher} starts
 * the servers the services need (unless told where external ones are), the payment gateway simulator, and then the
 * services, and stops them in reverse order. No business logic lives here.
 */
package dev.checkout.app;
