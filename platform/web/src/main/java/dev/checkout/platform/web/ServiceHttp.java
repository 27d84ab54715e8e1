package dev.checkout.platform.web;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * How one service calls another over HTTP: blocking requests on the JDK's {@code HttpURLConnection} (kept-alive
 * connections), with a connect and a read timeout. Not the JDK {@code HttpClient} factory: it starts a thread for every
 * request body and throws (and catches) exceptions to cancel its timeout on every response, which under load costs more
 * CPU than the calls themselves.
 */
public final class ServiceHttp {

    private ServiceHttp() {
    }

    public static ClientHttpRequestFactory requests(Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connectTimeout);
        requests.setReadTimeout(readTimeout);
        return requests;
    }
}
