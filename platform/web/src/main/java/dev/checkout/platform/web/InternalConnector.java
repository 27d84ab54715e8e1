package dev.checkout.platform.web;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * A second HTTP connector, on loopback and with threads of its own, for the calls the services of one process make to
 * each other (an order pricing itself at the catalog, say). Over the public connector such a call would queue behind
 * the very requests waiting for it: a burst of 500 orders took every public thread and their price lookups timed out.
 * Services in other processes are reached at their configured URLs instead.
 */
public final class InternalConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int configuredPort;
    private final int maxThreads;
    private volatile Connector connector;

    public InternalConnector(int configuredPort, int maxThreads) {
        this.configuredPort = configuredPort;
        this.maxThreads = maxThreads;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector internal = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        internal.setPort(configuredPort);
        internal.setProperty("address", "127.0.0.1");
        internal.setProperty("maxThreads", Integer.toString(maxThreads));
        internal.setProperty("minSpareThreads", "4");
        factory.addAdditionalConnectors(internal);
        connector = internal;
    }

    /** The port it listens on once the server has started, or -1 when there is none (yet). */
    public int port() {
        Connector current = connector;
        return current == null ? -1 : current.getLocalPort();
    }
}
