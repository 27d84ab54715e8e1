package dev.checkout.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The gate's own connection to its Redis primary, behind a circuit breaker.
 * <p>
 * The gate keeps a Lettuce client of its own rather than the connection factory other services share, because it
 * needs settings nobody else should inherit: commands are rejected at once while the connection is down instead of
 * queueing until a timeout, and the command timeout is short ({@code checkout.inventory.gate.command-timeout}), so a
 * dead Redis costs a reservation nothing but the trip to PostgreSQL it makes anyway. Once the breaker is open no call
 * reaches Redis until it half-opens again.
 * <p>
 * Every failure and every lost connection starts a new <em>outage</em> ({@link #outages()}): whatever the gate did or
 * failed to do in Redis since is in doubt, so the gate is not trusted again until its counters are reconciled.
 */
@Component
class GateConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GateConnection.class);

    /** The Lua scripts, loaded by digest (EVALSHA) and sent whole only when Redis does not know them yet. */
    enum Script {
        HOLD("hold.lua", ScriptOutputType.MULTI), GIVE_BACK("give-back.lua", ScriptOutputType.INTEGER),
        SETTLE("settle.lua", ScriptOutputType.INTEGER), ADJUST("adjust.lua", ScriptOutputType.MULTI),
        SNAPSHOT("snapshot.lua", ScriptOutputType.MULTI), COMPARE("compare.lua", ScriptOutputType.MULTI),
        REPAIR("repair.lua", ScriptOutputType.MULTI);

        private final String source;
        private final ScriptOutputType output;

        Script(String file, ScriptOutputType output) {
            this.output = output;
            try (InputStream in = GateConnection.class.getResourceAsStream("gate/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing gate script " + file);
                }
                this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String source() {
            return source;
        }
    }

    private final RedisClient client;
    private final RedisURI uri;
    private final CircuitBreaker breaker;
    private final AtomicLong outages = new AtomicLong(1); // the first "outage" is the start: nothing is loaded yet
    private final String[] digests = new String[Script.values().length];
    private volatile StatefulRedisConnection<String, String> connection;

    GateConnection(InventoryProperties properties, Environment environment, MeterRegistry meters) {
        InventoryProperties.Gate gate = properties.gate();
        String url = gate.redisUrl() != null && !gate.redisUrl().isBlank() ? gate.redisUrl()
                : environment.getProperty("spring.data.redis.url", "redis://127.0.0.1:6379");
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(gate.commandTimeout());
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(gate.connectTimeout()).build())
                .build());
        this.client.getResources().eventBus().get()
                .filter(DisconnectedEvent.class::isInstance)
                .subscribe(event -> beginOutage("connection to Redis lost (" + event + ")"));
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(gate.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(RedisException.class)
                .build());
        this.breaker = breakers.circuitBreaker("inventory-gate");
        this.breaker.getEventPublisher().onStateTransition(event -> {
            log.warn("inventory gate circuit breaker: {}", event.getStateTransition());
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                beginOutage("Redis failing");
            }
        });
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        for (Script script : Script.values()) {
            digests[script.ordinal()] = io.lettuce.core.codec.Base16.digest(script.source().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Connects if not connected; false when Redis cannot be reached now. Lettuce reconnects by itself afterwards. */
    synchronized boolean connect() {
        if (connection != null) {
            return true;
        }
        try {
            StatefulRedisConnection<String, String> connected = client.connect(uri);
            // Loaded up front, so a burst of first reservations does not all meet NOSCRIPT and resend the source.
            for (Script script : Script.values()) {
                connected.sync().scriptLoad(script.source());
            }
            connection = connected;
            log.info("inventory gate connected to Redis at {}:{}", uri.getHost(), uri.getPort());
            return true;
        } catch (RedisException e) {
            log.debug("inventory gate cannot reach Redis at {}:{}: {}", uri.getHost(), uri.getPort(), e.toString());
            return false;
        }
    }

    boolean isConnected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    /** A number that changes whenever Redis failed or the connection dropped: what the gate did in between is in doubt. */
    long outages() {
        return outages.get();
    }

    private void beginOutage(String why) {
        outages.incrementAndGet();
        log.warn("inventory gate bypassed until its counters are reconciled: {}", why);
    }

    /** Runs a script through the breaker; {@link GateUnavailableException} when Redis is not there or the call failed. */
    @SuppressWarnings("unchecked")
    <T> T run(Script script, List<String> keys, List<String> arguments) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argumentArray = arguments.toArray(String[]::new);
        return call(redis -> {
            try {
                return (T) redis.evalsha(digests[script.ordinal()], script.output, keyArray, argumentArray);
            } catch (RedisNoScriptException unknown) {
                // Redis restarted or its script cache was flushed: EVAL sends the source and caches it again.
                return (T) redis.eval(script.source(), script.output, keyArray, argumentArray);
            }
        });
    }

    /** Any other command through the breaker. */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw new GateUnavailableException("not connected to Redis", null);
        }
        try {
            return breaker.executeSupplier(() -> command.apply(current.sync()));
        } catch (CallNotPermittedException e) {
            throw new GateUnavailableException("circuit breaker open", e);
        } catch (RedisException e) {
            outages.incrementAndGet(); // the command's effect is unknown
            log.warn("inventory gate: a Redis command failed ({}); going on without the gate", e.toString());
            throw new GateUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
    }

    /** Redis is not usable for this call: the caller goes on without the gate. */
    static final class GateUnavailableException extends RuntimeException {
        GateUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
