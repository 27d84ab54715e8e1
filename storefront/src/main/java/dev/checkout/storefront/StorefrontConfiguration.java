package dev.checkout.storefront;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The web pages: include this configuration in a process to serve them there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class StorefrontConfiguration {
}
