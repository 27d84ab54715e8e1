package dev.checkout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformCostTest {

    @Test
    void requestsToTemplatedPathsAreCountedWithEveryOther() {
        String scrape = """
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{error="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status",le="0.001"} 3
                http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status"} 7
                http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status"} 0.25
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/orders"} 2
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/api/v1/pricing/quotes"} 2.0
                http_server_requests_active_seconds_count{method="GET",uri="UNKNOWN"} 1
                """;

        assertThat(PlatformCost.requestsIn(scrape)).isEqualTo(11);
    }
}
