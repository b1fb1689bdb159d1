package dev.ferry.console.views;

import com.vaadin.flow.component.html.Div;
import dev.ferry.console.services.RateSampler;

import java.util.List;
import java.util.Locale;

/**
 * A line chart of enqueue and dequeue rates drawn as SVG (no charting library: Vaadin's is commercial). The SVG
 * is written into the element as markup so that the browser creates it in the SVG namespace; it holds only
 * numbers and fixed labels, never user data.
 */
public class RateChart extends Div {

    private static final long serialVersionUID = 1L;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int BOTTOM = 20;

    public RateChart() {
        addClassName("ferry-chart");
        setId("rate-chart");
        show(List.of());
    }

    public void show(List<RateSampler.Point> points) {
        getElement().setProperty("innerHTML", svg(points));
    }

    static String svg(List<RateSampler.Point> points) {
        double max = 1;
        for (RateSampler.Point point : points) {
            max = Math.max(max, Math.max(point.enqueuedPerSecond(), point.dequeuedPerSecond()));
        }
        max = niceCeiling(max);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" preserveAspectRatio=\"none\" width=\"100%\" height=\"100%\">");
        int plotHeight = HEIGHT - BOTTOM - 10;
        for (int i = 0; i <= 4; i++) {
            double y = 10 + plotHeight * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, WIDTH, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\">%s/s</text>", y + 4,
                    label(max * (4 - i) / 4.0)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LEFT, HEIGHT - 4,
                points.isEmpty() ? "collecting samples…" : "last " + minutes(points)));
        svg.append(polyline(points, max, plotHeight, true));
        svg.append(polyline(points, max, plotHeight, false));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String polyline(List<RateSampler.Point> points, double max, int plotHeight, boolean enqueued) {
        if (points.size() < 2) {
            return "";
        }
        StringBuilder coordinates = new StringBuilder();
        int slots = RateSampler.MAX_POINTS - 1;
        int offset = RateSampler.MAX_POINTS - points.size();
        for (int i = 0; i < points.size(); i++) {
            RateSampler.Point point = points.get(i);
            double value = enqueued ? point.enqueuedPerSecond() : point.dequeuedPerSecond();
            double x = LEFT + (WIDTH - LEFT) * (double) (offset + i) / slots;
            double y = 10 + plotHeight * (1 - value / max);
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline class=\"" + (enqueued ? "enqueued" : "dequeued") + "\" points=\""
                + coordinates.toString().strip() + "\"/>";
    }

    private static String minutes(List<RateSampler.Point> points) {
        long span = points.get(points.size() - 1).at() - points.get(0).at();
        return span < 120_000 ? (span / 1000) + " s" : (span / 60_000) + " min";
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double value) {
        return value >= 10 || value == 0 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
