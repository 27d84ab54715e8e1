package dev.checkout.platform.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer whose offset commits never take a partition's committed offset back below one it has committed itself.
 * <p>
 * Listeners commit once a second ({@code ack-mode: time}), so the container holds the offsets of the last second's
 * batches until then. When a batch fails at a record ({@code BatchListenerFailedException}), the error handler commits
 * the offsets of the records before it at once, but the container's pending offsets are not told: a second later it
 * commits them, and a partition whose earlier batch was still pending goes back to that batch's end. Its records since
 * were handled; nothing reads them again until the partition's next message (a restart would, and skip them as
 * processed), so on a quiet partition the group's lag never drains (seen in the chaos suite's poison runs:
 * {@code inventory-commands-4} committed at 31 with record 31 processed, one run in twelve). A committed offset says
 * everything before it was handled, and handling is never undone, so a lower commit from the same consumer is always
 * stale and is dropped here.
 */
final class ForwardOnlyCommits implements InvocationHandler {

    private static final Logger log = LoggerFactory.getLogger(ForwardOnlyCommits.class);

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    private ForwardOnlyCommits(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
                new ForwardOnlyCommits(consumer));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        switch (method.getName()) {
            case "equals" -> {
                return proxy == arguments[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "commitSync" -> {
                if (arguments != null && arguments[0] instanceof Map<?, ?> offsets) {
                    Map<TopicPartition, OffsetAndMetadata> forward = forwardOnly(offsets);
                    if (forward.isEmpty()) {
                        return null;
                    }
                    Object[] changed = arguments.clone();
                    changed[0] = forward;
                    Object result = call(method, changed);
                    remember(forward);
                    return result;
                }
            }
            case "commitAsync" -> {
                if (arguments != null && arguments[0] instanceof Map<?, ?> offsets) {
                    Map<TopicPartition, OffsetAndMetadata> forward = forwardOnly(offsets);
                    OffsetCommitCallback callback = (OffsetCommitCallback) arguments[1];
                    if (forward.isEmpty()) {
                        if (callback != null) {
                            callback.onComplete(forward, null);
                        }
                        return null;
                    }
                    OffsetCommitCallback remembering = (done, failure) -> {
                        if (failure == null) {
                            remember(done);
                        }
                        if (callback != null) {
                            callback.onComplete(done, failure);
                        }
                    };
                    return call(method, new Object[] {forward, remembering});
                }
            }
            default -> {
            }
        }
        return call(method, arguments);
    }

    private Map<TopicPartition, OffsetAndMetadata> forwardOnly(Map<?, ?> offsets) {
        Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            TopicPartition topicPartition = (TopicPartition) partition;
            OffsetAndMetadata position = (OffsetAndMetadata) offset;
            Long before = committed.get(topicPartition);
            if (before == null || position.offset() >= before) {
                forward.put(topicPartition, position);
            } else {
                log.info("a commit of {} at {} is dropped: this consumer committed it at {} already", topicPartition, position.offset(), before);
            }
        });
        return forward;
    }

    private void remember(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    }

    private Object call(Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(consumer, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
