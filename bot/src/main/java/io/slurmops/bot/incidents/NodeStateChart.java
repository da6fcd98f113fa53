package io.slurmops.bot.incidents;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The incident chart: nodes by state over the incident's window (stacked areas from the recorded
 * samples), with vertical lines where the alert fired, the fix was approved and the cluster recovered.
 * Drawn with XChart in headless AWT: a server has no display, and the fonts come from the system
 * (fontconfig + DejaVu, installed by the package and the lab).
 */
public final class NodeStateChart {

    /** A moment marked on the chart. */
    public record Marker(Instant at, String label) {
    }

    private static final Map<String, Color> COLORS = Map.of("idle", new Color(0x4caf50), "allocated",
            new Color(0x2196f3), "drained", new Color(0xff9800), "down", new Color(0xe53935), "other",
            new Color(0x9e9e9e));
    private static final List<Color> MARKER_COLORS = List.of(new Color(0xb71c1c), new Color(0x1a237e),
            new Color(0x1b5e20), new Color(0x4a148c), new Color(0x37474f));

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private NodeStateChart() {
    }

    /** The chart as PNG bytes; without samples it still draws the axes and markers, and says so in the title. */
    public static byte[] png(String title, Map<Instant, Map<String, Integer>> samples, List<Marker> markers,
                             Instant from, Instant to, ZoneId zone) {
        XYChart chart = new XYChartBuilder().width(900).height(420)
                .title(samples.isEmpty() ? title + " (no node samples recorded in this window)" : title)
                .xAxisTitle("time (" + zone.getId() + ")").yAxisTitle("nodes").build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setDatePattern("HH:mm:ss");
        chart.getStyler().setTimezone(java.util.TimeZone.getTimeZone(zone));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        List<Date> xs = new ArrayList<>();
        samples.keySet().forEach(t -> xs.add(Date.from(t)));
        int max = 1;
        if (!xs.isEmpty()) {
            // Stacked by hand (XChart's areas overlap): each series is drawn as the running total up to it.
            double[] running = new double[xs.size()];
            List<Instant> times = List.copyOf(samples.keySet());
            for (String category : NodeStateSamples.CATEGORIES) {
                double[] top = new double[times.size()];
                boolean any = false;
                for (int i = 0; i < times.size(); i++) {
                    int n = samples.get(times.get(i)).getOrDefault(category, 0);
                    any |= n > 0;
                    running[i] += n;
                    top[i] = running[i];
                }
                if (any) {
                    XYSeries series = chart.addSeries(category, xs, toList(top));
                    series.setMarker(SeriesMarkers.NONE);
                    series.setFillColor(COLORS.get(category));
                    series.setLineColor(COLORS.get(category).darker());
                }
            }
            for (double r : running) {
                max = Math.max(max, (int) Math.ceil(r));
            }
            // Later series are painted over earlier ones: reverse so the total (last) is at the back.
            reverseSeriesOrder(chart);
        }
        int m = 0;
        for (Marker marker : markers) {
            if (marker.at() == null) {
                continue;
            }
            Date at = Date.from(marker.at());
            XYSeries line = chart.addSeries(marker.label() + " " + java.time.format.DateTimeFormatter
                            .ofPattern("HH:mm:ss").withZone(zone).format(marker.at()), List.of(at, at),
                    List.of(0.0, (double) max));
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(MARKER_COLORS.get(m++ % MARKER_COLORS.size()));
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{6f, 4f}, 0f));
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart refuses an empty chart: an invisible point spanning the window keeps the axes.
            XYSeries span = chart.addSeries(" ", List.of(Date.from(from), Date.from(to)), List.of(0.0, 0.0));
            span.setMarker(SeriesMarkers.NONE);
            span.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            span.setLineColor(Color.WHITE);
        }
        s.setYAxisMin(0.0);
        s.setYAxisMax((double) max);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart: " + e.getMessage(), e);
        }
    }

    private static void reverseSeriesOrder(XYChart chart) {
        List<Map.Entry<String, XYSeries>> entries = new ArrayList<>(chart.getSeriesMap().entrySet());
        chart.getSeriesMap().clear();
        for (int i = entries.size() - 1; i >= 0; i--) {
            chart.getSeriesMap().put(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
