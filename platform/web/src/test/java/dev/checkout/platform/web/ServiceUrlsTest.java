package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServiceUrlsTest {

    private final MockEnvironment environment = new MockEnvironment();
    private final AtomicInteger internalPort = new AtomicInteger(-1);
    private final ServiceUrls urls = new ServiceUrls(environment, internalPort::get);

    @Test
    void aConfiguredUrlWinsOverTheInternalConnector() {
        environment.setProperty("checkout.services.identity.url", "http://identity.internal:8081");
        internalPort.set(40_000);

        assertThat(urls.of("identity")).isEqualTo("http://identity.internal:8081");
    }

    @Test
    void beforeTheInternalConnectorListensTheServersPortIsUsedAndAskedAgainNextTime() {
        environment.setProperty("server.port", "8080");
        assertThat(urls.of("identity")).isEqualTo("http://127.0.0.1:8080");

        internalPort.set(40_000);

        assertThat(urls.of("identity")).isEqualTo("http://127.0.0.1:40000");
    }

    @Test
    void theInternalConnectorsPortOnceKnownIsKeptWithoutAskingAgain() {
        internalPort.set(40_000);
        assertThat(urls.of("catalog")).isEqualTo("http://127.0.0.1:40000");

        internalPort.set(-1);
        environment.setProperty("checkout.services.catalog.url", "http://elsewhere:1");

        assertThat(urls.of("catalog")).isEqualTo("http://127.0.0.1:40000");
    }
}
