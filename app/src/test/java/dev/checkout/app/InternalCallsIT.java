package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.checkout.platform.web.ServiceUrls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InternalCallsIT extends EndToEndTest {

    @Autowired
    ServiceUrls serviceUrls;

    @Test
    void servicesOfOneProcessCallEachOtherOnALoopbackConnectorOfTheirOwnNotThePublicPort() throws Exception {
        URI catalog = URI.create(serviceUrls.of("catalog"));

        assertThat(catalog.getHost()).isEqualTo("127.0.0.1");
        assertThat(catalog.getPort()).isPositive().isNotEqualTo(port);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(catalog.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
