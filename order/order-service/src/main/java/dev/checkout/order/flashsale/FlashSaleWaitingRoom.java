package dev.checkout.order.flashsale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A sale's waiting room in Redis (over Lettuce): the queue of waiting tickets as a sorted set (positions in O(log n))
 * and the sold-out mark that lets every later join and poll be answered from memory. Redis only gates and orders:
 * the tickets and holds of record are in PostgreSQL, and the queue is written after them, so a lost write is put
 * back by the next join or poll of that ticket. The sale id in braces is the Redis Cluster hash tag: a sale's keys
 * share one slot.
 */
@Component
class FlashSaleWaitingRoom {

    /** How long a sale's keys outlive its end, so a late poll still reads SOLD_OUT from memory. */
    private static final Duration KEPT_AFTER_END = Duration.ofDays(1);

    private static final Duration PACE_KEPT = Duration.ofSeconds(30);
    private static final Duration PACE_READ_EVERY = Duration.ofSeconds(1);

    private final StringRedisTemplate redis;
    private final Map<String, Pace> paces = new ConcurrentHashMap<>();
    /** Sales this process has seen sold out: the crowd that keeps asking afterwards is answered without a Redis call. */
    private final Set<String> soldOutHere = ConcurrentHashMap.newKeySet();

    FlashSaleWaitingRoom(StringRedisTemplate redis) {
        this.redis = redis;
    }

    private static String queue(String flashSaleId) {
        return "flash-sale:{" + flashSaleId + "}:queue";
    }

    private static String paceKey(String flashSaleId) {
        return "flash-sale:{" + flashSaleId + "}:pace";
    }

    private static String soldOut(String flashSaleId) {
        return "flash-sale:{" + flashSaleId + "}:sold-out";
    }

    /** Puts the ticket in line at its score unless it is there already. */
    void enqueue(String flashSaleId, String ticketId, double score) {
        redis.opsForZSet().addIfAbsent(queue(flashSaleId), ticketId, score);
    }

    /** 1 for the next in line; null when the ticket is not in the queue. */
    Long position(String flashSaleId, String ticketId) {
        Long rank = redis.opsForZSet().rank(queue(flashSaleId), ticketId);
        return rank == null ? null : rank + 1;
    }

    /** The first {@code count} tickets in line. */
    List<String> head(String flashSaleId, int count) {
        if (count <= 0) {
            return List.of();
        }
        Set<String> head = redis.opsForZSet().range(queue(flashSaleId), 0, count - 1);
        return head == null ? List.of() : new ArrayList<>(head);
    }

    void leave(String flashSaleId, List<String> ticketIds) {
        if (!ticketIds.isEmpty()) {
            redis.opsForZSet().remove(queue(flashSaleId), ticketIds.toArray());
        }
    }

    long waiting(String flashSaleId) {
        Long size = redis.opsForZSet().zCard(queue(flashSaleId));
        return size == null ? 0 : size;
    }

    /**
     * The fastest the queue can move now (tickets a second, as the admitting instance's door allows), for every
     * instance's ETA; it lapses if admission stops.
     */
    void recordPace(String flashSaleId, double ticketsPerSecond) {
        redis.opsForValue().set(paceKey(flashSaleId), Double.toString(ticketsPerSecond), PACE_KEPT);
    }

    /** That pace, read from Redis at most once a second per sale in this process (every poll asks). */
    OptionalDouble pace(String flashSaleId) {
        long now = System.nanoTime();
        Pace known = paces.get(flashSaleId);
        if (known != null && now - known.readAtNanos() < PACE_READ_EVERY.toNanos()) {
            return known.value();
        }
        String value = redis.opsForValue().get(paceKey(flashSaleId));
        OptionalDouble read = value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
        paces.put(flashSaleId, new Pace(read, now));
        return read;
    }

    private record Pace(OptionalDouble value, long readAtNanos) {
    }

    /** Whether every unit is in a confirmed order; once seen, remembered in this process (it never changes back). */
    boolean isSoldOut(String flashSaleId) {
        if (soldOutHere.contains(flashSaleId)) {
            return true;
        }
        boolean soldOut = Boolean.TRUE.equals(redis.hasKey(soldOut(flashSaleId)));
        if (soldOut) {
            soldOutHere.add(flashSaleId);
        }
        return soldOut;
    }

    /** Marks the sale sold out and empties its queue: nobody waiting can be admitted any more. */
    void markSoldOut(String flashSaleId, Duration untilEndAndAfter) {
        redis.opsForValue().set(soldOut(flashSaleId), "1", untilEndAndAfter.plus(KEPT_AFTER_END));
        soldOutHere.add(flashSaleId);
        redis.expire(queue(flashSaleId), KEPT_AFTER_END);
    }

}
