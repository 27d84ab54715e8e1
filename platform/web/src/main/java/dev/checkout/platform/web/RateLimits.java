package dev.checkout.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Token buckets in Redis, one per operation and key, through Bucket4j's Lettuce integration (compare-and-swap, so two
 * instances spending from one bucket at once never both get its last token). A bucket of {@code N/period} holds N
 * tokens and refills them evenly over the period; Redis forgets it once it would be full again.
 * <p>
 * When Redis does not answer, calls are let through (and counted in the log): limits protect against abuse, and an
 * outage of the cache must not become an outage of login and checkout.
 */
class RateLimits implements AutoCloseable {

    static final String PREFIX = "checkout.rate-limits.";
    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final Environment environment;
    private final Supplier<RedisClient> redis;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<byte[]> buckets;

    RateLimits(Environment environment, LettuceConnectionFactory redis) {
        this(environment, () -> (RedisClient) redis.getNativeClient());
    }

    RateLimits(Environment environment, Supplier<RedisClient> redis) {
        this.environment = environment;
        this.redis = redis;
    }

    /** {@code count} calls per {@code period}. */
    record Limit(long count, Duration period) {

        static Limit parse(String operation, String spec) {
            String[] parts = spec == null ? new String[0] : spec.trim().split("/");
            try {
                Limit limit = new Limit(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
                if (limit.count() < 1 || limit.period().isNegative() || limit.period().isZero()) {
                    throw new IllegalArgumentException("not positive");
                }
                return limit;
            } catch (RuntimeException e) {
                throw new IllegalStateException(PREFIX + operation + " must be <count>/<period>, such as 10/1m; it is '" + spec + "'", e);
            }
        }

        String key() {
            return count + "-" + period.toSeconds();
        }
    }

    /** What spending one call left: refused or not, and the figures for the headers. */
    record Outcome(String operation, Limit limit, boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {
    }

    Limit limitOf(String operation) {
        return limits.computeIfAbsent(operation, name -> Limit.parse(name, environment.getProperty(PREFIX + name)));
    }

    /** Spends one call of {@code operation} for {@code key}; empty-handed (allowed) when Redis cannot be asked. */
    Outcome spend(String operation, String key) {
        Limit limit = limitOf(operation);
        try {
            byte[] bucketKey = ("checkout:rate-limits:" + operation + ":" + limit.key() + ":" + digest(key)).getBytes(StandardCharsets.UTF_8);
            ConsumptionProbe probe = buckets().getProxy(bucketKey, () -> BucketConfiguration.builder()
                            .addLimit(bandwidth -> bandwidth.capacity(limit.count()).refillGreedy(limit.count(), limit.period()))
                            .build())
                    .tryConsumeAndReturnRemaining(1);
            return new Outcome(operation, limit, probe.isConsumed(), probe.getRemainingTokens(),
                    ceilSeconds(probe.getNanosToWaitForRefill()), ceilSeconds(probe.getNanosToWaitForReset()));
        } catch (RuntimeException e) {
            log.warn("rate limit {} not checked, the call is let through: {}", operation, e.toString());
            return new Outcome(operation, limit, true, limit.count(), 0, 0);
        }
    }

    /** The IETF RateLimit headers of the tightest of the limits spent, and Retry-After when refused. */
    static void writeHeaders(HttpServletResponse response, Outcome outcome) {
        response.setHeader("RateLimit-Limit", Long.toString(outcome.limit().count()));
        response.setHeader("RateLimit-Remaining", Long.toString(outcome.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(outcome.resetSeconds()));
        if (!outcome.allowed()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, outcome.retryAfterSeconds())));
        }
    }

    private ProxyManager<byte[]> buckets() {
        ProxyManager<byte[]> current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    connection = redis.get().connect(ByteArrayCodec.INSTANCE);
                    connection.setTimeout(Duration.ofSeconds(1));
                    buckets = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                }
                current = buckets;
            }
        }
        return current;
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Keys are e-mail addresses and IPs: Redis holds a digest of them, not the personal data. */
    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
