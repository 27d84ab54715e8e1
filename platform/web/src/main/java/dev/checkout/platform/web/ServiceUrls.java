package dev.checkout.platform.web;

import java.util.function.IntSupplier;

import org.springframework.core.env.Environment;

/**
 * Where another service's HTTP API is: {@code checkout.services.<name>.url} when configured (services in other
 * processes), otherwise this process's own internal connector (all services in one process), or its public port when
 * there is none. Resolved at each call, because the ports are only known once the server has started.
 */
public class ServiceUrls {

    private final Environment environment;
    private final IntSupplier internalPort;

    public ServiceUrls(Environment environment, IntSupplier internalPort) {
        this.environment = environment;
        this.internalPort = internalPort;
    }

    public String of(String service) {
        String configured = environment.getProperty("checkout.services." + service + ".url");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        int internal = internalPort.getAsInt();
        if (internal > 0) {
            return "http://127.0.0.1:" + internal;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }
}
