package dev.checkout.platform.web;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The one client for what a service asks another over HTTP as itself: the owner's internal API
 * ({@code /api/v1/internal/**}, SERVICE role) or a public read ({@code GET /api/v1/products/{id}}), with a short-lived
 * SERVICE token. Each question is a contract the answering service publishes in its {@code *-api} module: the path,
 * the problem code that means "absent", and the answer's record (read tolerantly: unknown members ignored), so a caller
 * names the record it gets, never a JSON path.
 */
public class InternalApi {

    private final RestClient http;
    private final ServiceUrls urls;
    private final ServiceTokens tokens;

    InternalApi(RestClient.Builder builder, ServiceUrls urls, ServiceTokens tokens) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
        this.urls = urls;
        this.tokens = tokens;
    }

    /**
     * {@code GET} of {@code path} (with its URI variables) at {@code service}; empty when the service answers that the
     * thing asked about does not exist: a 404 problem with the code {@code absentCode}. Any other 404 (a path the
     * process does not serve, say, because the service is not where it was looked for) is an error, never "absent":
     * reconciliations act on absence.
     *
     * @throws org.springframework.web.client.RestClientException when the service cannot be asked or answers otherwise
     */
    public <T> Optional<T> get(String service, String path, String absentCode, Class<T> answer, Object... uriVariables) {
        try {
            return Optional.ofNullable(http.get().uri(urls.of(service) + path, uriVariables)
                    .header("Authorization", "Bearer " + tokens.token())
                    .retrieve().body(answer));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND && e.getResponseBodyAsString().contains("\"code\":\"" + absentCode + "\"")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET} of a public read ({@code path} with its URI variables) at {@code service}, without a token (a public
     * read needs none, and a process without identity may have none to give); empty on a 404, as a browser would take
     * it.
     *
     * @throws org.springframework.web.client.RestClientException when the service cannot be asked or answers otherwise
     */
    public <T> Optional<T> read(String service, String path, Class<T> answer, Object... uriVariables) {
        try {
            return Optional.ofNullable(http.get().uri(urls.of(service) + path, uriVariables).retrieve().body(answer));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code POST} of {@code question} to {@code path} (with its URI variables) at {@code service}: for internal queries
     * that ask about many things at once, and the few internal commands.
     *
     * @throws org.springframework.web.client.RestClientException when the service cannot be asked or answers otherwise
     */
    public <T> T post(String service, String path, Object question, Class<T> answer, Object... uriVariables) {
        return http.post().uri(urls.of(service) + path, uriVariables)
                .header("Authorization", "Bearer " + tokens.token())
                .body(question).retrieve().body(answer);
    }
}
