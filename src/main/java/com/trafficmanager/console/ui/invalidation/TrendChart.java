package com.trafficmanager.console.ui.invalidation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A line chart of the last 15 minutes that mirrors a view model's bounded trend list: points added or
 * dropped there are added or dropped here, once per sampling tick. No animation, no symbols: a few
 * hundred points redraw cheaply.
 */
final class TrendChart extends LineChart<Number, Number> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    /** The y axis's range while every value is below it: 0 to 10, ticks of 2. */
    private static final double QUIET_SCALE = 10;
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();

    private final ObservableDoubleValue now;

    /** @param now the right edge (epoch seconds): the last tick, which moves on while a trend gets no points */
    TrendChart(String title, String yLabel, ObservableList<TrendPoint> points, ObservableDoubleValue now) {
        super(new NumberAxis(), new NumberAxis());
        this.now = now;
        NumberAxis x = (NumberAxis) getXAxis();
        x.setAutoRanging(false);
        x.setTickUnit(180);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return TIME.format(Instant.ofEpochSecond(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        getYAxis().setLabel(yLabel);
        ((NumberAxis) getYAxis()).setForceZeroInRange(true);
        setTitle(title);
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        setMinHeight(180);
        setPrefHeight(220);
        // the last time label is centred on the right edge of the plot: room for its second half
        setPadding(new javafx.geometry.Insets(5, 24, 5, 5));
        getData().add(series);
        points.forEach(this::add);
        points.addListener((ListChangeListener<TrendPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    series.getData().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    for (TrendPoint p : c.getAddedSubList()) {
                        add(p);
                    }
                }
            }
            slide(points);
        });
        now.addListener((obs, old, t) -> slide(points));
        slide(points);
    }

    private void add(TrendPoint p) {
        series.getData().add(new XYChart.Data<>(p.epochSeconds(), p.value()));
    }

    private void slide(ObservableList<TrendPoint> points) {
        NumberAxis x = (NumberAxis) getXAxis();
        double right = now.get();
        x.setLowerBound(right - InvalidationViewModel.TREND_SPAN.toSeconds());
        x.setUpperBound(right);
        // all zero (no lag, nothing flowing) would auto-range the y axis down to a lone "0.0": keep a scale
        double max = 0;
        for (TrendPoint p : points) {
            max = Math.max(max, p.value());
        }
        NumberAxis y = (NumberAxis) getYAxis();
        boolean small = max < QUIET_SCALE;
        y.setAutoRanging(!small);
        if (small) {
            y.setLowerBound(0);
            y.setUpperBound(QUIET_SCALE);
            y.setTickUnit(QUIET_SCALE / 5);
        }
    }
}
