package dev.checkout.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --name=value} options of a bench. */
public final class BenchOptions {

    private final Map<String, String> values = new HashMap<>();

    public BenchOptions(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + option);
            }
            int equals = option.indexOf('=');
            if (equals > 0) {
                values.put(option.substring(2, equals), option.substring(equals + 1));
            } else if (i + 1 < options.size() && !options.get(i + 1).startsWith("--")) {
                values.put(option.substring(2), options.get(++i));
            } else {
                values.put(option.substring(2), "true");
            }
        }
    }

    public int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    public String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code 60}, {@code 60s}, {@code 2m} or an ISO-8601 duration. */
    public Duration duration(String name, Duration defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
