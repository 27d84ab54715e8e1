package dev.checkout.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/analytics/dashboard} and {@code /metrics} (ADMIN): the figures, read from the events' model. */
@RestController
class AnalyticsController {

    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** More points than a chart can show are refused rather than computed. */
    static final long MAX_POINTS = 2_000;
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final Dashboard dashboard;
    private final Series series;

    AnalyticsController(Dashboard dashboard, Series series) {
        this.dashboard = dashboard;
        this.series = series;
    }

    @GetMapping("/api/v1/analytics/dashboard")
    Dashboard.Figures dashboard(@RequestParam(required = false) String since) {
        Instant now = Instant.now();
        Instant from = since == null ? now.minus(DEFAULT_RANGE) : instant("since", since);
        return dashboard.since(from);
    }

    @GetMapping("/api/v1/analytics/metrics")
    Map<String, List<Series.Point>> metrics(@RequestParam(required = false) String metric, @RequestParam(required = false) String interval,
                                            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Series.Metric chosenMetric = choice("metric", metric, Series.Metric.ORDERS, Series.Metric.class);
        Series.Interval chosenInterval = choice("interval", interval, Series.Interval.HOUR, Series.Interval.class);
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from);
        if (start.isAfter(end)) {
            throw invalid("from", "must not be after to");
        }
        Duration step = chosenInterval == Series.Interval.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
        if (Duration.between(start, end).dividedBy(step) >= MAX_POINTS) {
            throw invalid("from", "the range holds more than " + MAX_POINTS + " " + chosenInterval.name().toLowerCase(Locale.ROOT) + "s");
        }
        return Map.of("series", series.of(chosenMetric, chosenInterval, start, end));
    }

    private static Instant instant(String field, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 UTC time such as 2026-11-21T10:30:00Z");
        }
        // Instant reaches years PostgreSQL and java.sql.Timestamp cannot hold; nothing of interest lies outside these.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(field, "must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    private static <E extends Enum<E>> E choice(String field, String value, E fallback, Class<E> type) {
        if (value == null) {
            return fallback;
        }
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(value)) {
                return candidate;
            }
        }
        throw invalid(field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(candidate -> candidate.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("validation_failed", field + " " + message)
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
