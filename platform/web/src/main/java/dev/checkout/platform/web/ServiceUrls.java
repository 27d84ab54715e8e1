package dev.checkout.platform.web;

import org.springframework.core.env.Environment;

/**
 * Where another service's HTTP API is: {@code checkout.services.<name>.url} when configured (services in other
 * processes), otherwise this process's own port (all services in one process). Resolved at each call, because the
 * port is only known once the server has started.
 */
public class ServiceUrls {

    private final Environment environment;

    public ServiceUrls(Environment environment) {
        this.environment = environment;
    }

    public String of(String service) {
        String configured = environment.getProperty("checkout.services." + service + ".url");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }
}
