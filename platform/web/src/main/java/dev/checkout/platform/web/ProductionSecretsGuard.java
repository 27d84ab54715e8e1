package dev.checkout.platform.web;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the {@code prod} profile the process refuses to start with the development JWT secret. */
@Component
@Profile("prod")
class ProductionSecretsGuard implements SmartInitializingSingleton {

    private final SecurityProperties security;

    ProductionSecretsGuard(SecurityProperties security) {
        this.security = security;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (security.usesDevelopmentSecret()) {
            throw new IllegalStateException("refusing to start in production with the development JWT secret: set CHECKOUT_SECURITY_JWT_SECRET");
        }
    }
}
