package dev.checkout.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.springframework.core.env.Environment;

/**
 * Where another service's HTTP API is: {@code checkout.services.<name>.url} when configured (services in other
 * processes), otherwise this process's own internal connector (all services in one process), or its public port when
 * there is none. Resolved at a call until the answer is final (configured, or the internal connector's port once
 * the server has started), then kept: the lookups (the environment's property sources, the connector's bean) were about a quarter of the calling
 * side's CPU of an internal call (JFR, notification asking identity for addresses).
 */
public class ServiceUrls {

    private final Environment environment;
    private final IntSupplier internalPort;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    public ServiceUrls(Environment environment, IntSupplier internalPort) {
        this.environment = environment;
        this.internalPort = internalPort;
    }

    public String of(String service) {
        String known = resolved.get(service);
        if (known != null) {
            return known;
        }
        String configured = environment.getProperty("checkout.services." + service + ".url");
        if (configured != null && !configured.isBlank()) {
            return keep(service, configured);
        }
        int internal = internalPort.getAsInt();
        if (internal > 0) {
            return keep(service, "http://127.0.0.1:" + internal);
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }

    private String keep(String service, String url) {
        resolved.put(service, url);
        return url;
    }
}
