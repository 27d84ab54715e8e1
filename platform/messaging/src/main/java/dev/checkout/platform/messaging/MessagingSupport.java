package dev.checkout.platform.messaging;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link ServiceMessaging} needs from the process, gathered in one bean so a service's messaging class
 * stays a one-line subclass.
 */
public class MessagingSupport {

    final JdbcClient jdbc;
    final TransactionTemplate transactions;
    final JsonMapper json;
    final Clock clock;
    final MeterRegistry meters;
    final MessageTracing tracing;
    private final Map<String, RelaySignal> signals = new ConcurrentHashMap<>();

    MessagingSupport(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock, MeterRegistry meters,
                     MessageTracing tracing) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.tracing = tracing;
    }

    /** The wake-up signal of the relay for {@code schema}, shared by the writers and the relay of this process. */
    RelaySignal signal(String schema) {
        return signals.computeIfAbsent(schema, s -> new RelaySignal());
    }
}
