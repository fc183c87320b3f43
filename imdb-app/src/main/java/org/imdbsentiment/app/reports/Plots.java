package org.imdbsentiment.app.reports;

import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.model.BinaryEvaluation;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The PNG charts of runs and comparisons, drawn with XChart. */
public final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Training loss, validation loss (left axis) and validation accuracy (right axis) per epoch; the
     * training loss alone for a final fit.
     */
    public static void learningCurves(String title, List<EpochMetrics> epochs, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss (binary cross-entropy)").build();
        double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        chart.addSeries("train loss", x, epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        if (epochs.stream().anyMatch(EpochMetrics::validated)) { // a final fit has no validation to draw
            chart.addSeries("validation loss", x, epochs.stream().mapToDouble(EpochMetrics::valLoss).toArray());
            XYSeries acc = chart.addSeries("validation accuracy (%)", x,
                    epochs.stream().mapToDouble(e -> 100 * e.valAccuracy()).toArray());
            acc.setYAxisGroup(1);
            acc.setMarker(SeriesMarkers.DIAMOND);
            chart.setYAxisGroupTitle(1, "validation accuracy (%)");
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        }
        chart.getStyler().setXAxisDecimalPattern("0");
        save(chart, png);
    }

    /** The 2 x 2 confusion matrix with its counts. */
    public static void confusionMatrix(String title, BinaryEvaluation e, Path png) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(520).height(460).title(title).build();
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("actual");
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(0xF7FBFF), new java.awt.Color(0x2171B5)});
        List<String> labels = List.of("negative", "positive");
        chart.addSeries("reviews", labels, labels, List.of(
                new Number[] {0, 0, e.tn()}, new Number[] {1, 0, e.fp()},
                new Number[] {0, 1, e.fn()}, new Number[] {1, 1, e.tp()}));
        save(chart, png);
    }

    /** Validation accuracy per epoch of several runs, overlaid (runs without validation left out). */
    public static void validationCurves(String title, Map<String, List<EpochMetrics>> runs, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle("validation accuracy (%)").build();
        // Final fits have no validation curve.
        runs.forEach((name, epochs) -> {
            if (epochs.stream().anyMatch(EpochMetrics::validated)) {
                chart.addSeries(name, epochs.stream().mapToDouble(EpochMetrics::epoch).toArray(),
                        epochs.stream().mapToDouble(e -> 100 * e.valAccuracy()).toArray());
            }
        });
        chart.getStyler().setXAxisDecimalPattern("0");
        save(chart, png);
    }

    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        // XChart appends ".png" to the name it is given.
        AtomicFiles.write(png, tmp -> {
            String base = tmp.toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            Files.move(Path.of(base + ".png"), tmp);
        });
    }
}
