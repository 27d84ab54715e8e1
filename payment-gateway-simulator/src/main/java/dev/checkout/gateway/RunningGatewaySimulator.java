package dev.checkout.gateway;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A started simulator. Closing it stops its server and closes its ledger; the data directory keeps every record. */
public final class RunningGatewaySimulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    RunningGatewaySimulator(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The port it listens on (the one chosen for it when started with port 0). */
    public int port() {
        return port;
    }

    /** Where to reach it, e.g. {@code http://127.0.0.1:8090}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + GatewaySimulator.HOST + ":" + port;
    }

    /** Stops it; requests still held back by a token delay end without their answer. Safe to call twice. */
    @Override
    public void close() {
        context.close();
    }
}
