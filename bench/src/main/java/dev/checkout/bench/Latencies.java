package dev.checkout.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies recorded in microseconds, thread-safe, printed as p50/p95/p99/max in milliseconds. Up to an hour: an
 * overloaded open loop builds a backlog of minutes, and a lower ceiling would print the ceiling as every percentile.
 */
public final class Latencies {

    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);

    public void record(long nanos) {
        histogram.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), histogram.getHighestTrackableValue()));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public String summary() {
        return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)", percentileMillis(50),
                percentileMillis(95), percentileMillis(99), histogram.getMaxValue() / 1000.0, count());
    }
}
