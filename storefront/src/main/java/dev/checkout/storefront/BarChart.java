package dev.checkout.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A bar chart of an analytics series, laid out on the server for an inline SVG: the page needs no script and no
 * chart library, and what it draws is exactly what the API answered.
 */
record BarChart(String title, int width, int height, BigDecimal max, List<Bar> bars) {

    static final int WIDTH = 720;
    static final int HEIGHT = 160;
    private static final int LABEL_SPACE = 18;

    /** One bar: its place and size in the SVG, the value it stands for and the time it starts at. */
    record Bar(int x, int y, int width, int height, BigDecimal value, String at) {
    }

    /** Lays out {@code series} ({@code [{at, value}]}) as bars scaled to the largest value. */
    static BarChart of(String title, JsonNode series) {
        List<JsonNode> points = new ArrayList<>();
        series.forEach(points::add);
        BigDecimal max = points.stream().map(p -> p.path("value").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::max);
        int plot = HEIGHT - LABEL_SPACE;
        int slot = points.isEmpty() ? WIDTH : Math.max(1, WIDTH / points.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            BigDecimal value = points.get(i).path("value").decimalValue();
            int barHeight = max.signum() == 0 ? 0
                    : value.multiply(BigDecimal.valueOf(plot)).divide(max, 0, java.math.RoundingMode.HALF_UP).intValue();
            bars.add(new Bar(i * slot + 1, plot - barHeight, Math.max(1, slot - 2), barHeight, value, points.get(i).path("at").asString()));
        }
        return new BarChart(title, WIDTH, HEIGHT, max, bars);
    }

    /** The baseline's height in the SVG, under which the first and last times are written. */
    public int baseline() {
        return HEIGHT - LABEL_SPACE;
    }
}
