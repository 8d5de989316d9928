package dev.likeness.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark suite's one table: load rows (throughput and latency over several runs, with
 * their ratio to the limit and to the peer) and single measures (min / median / max over runs),
 * written as Markdown and as an SVG bar chart of the throughputs.
 */
final class Report {

    /** A load, measured several times; {@code peer} names the Keycloak row it compares with. */
    record Load(String name, List<Wrk.Run> runs, String peer) {

        double median(ToDoubleFunction<Wrk.Run> figure) {
            return Report.median(runs.stream().mapToDouble(figure).toArray());
        }

        double min(ToDoubleFunction<Wrk.Run> figure) {
            return runs.stream().mapToDouble(figure).min().orElse(Double.NaN);
        }

        double max(ToDoubleFunction<Wrk.Run> figure) {
            return runs.stream().mapToDouble(figure).max().orElse(Double.NaN);
        }

        long failed() {
            return runs.stream().mapToLong(Wrk.Run::failed).sum();
        }
    }

    /** A figure measured once per run. */
    record Measure(String name, double[] values, String unit, String target) {
    }

    private final String title;
    private final List<Load> loads = new ArrayList<>();
    private final List<Measure> measures = new ArrayList<>();
    private Load limit;

    Report(String title) {
        this.title = title;
    }

    void limit(String name, List<Wrk.Run> runs) {
        limit = new Load(name, runs, null);
        loads.add(limit);
    }

    void load(String name, List<Wrk.Run> runs, String peer) {
        loads.add(new Load(name, runs, peer));
    }

    void measure(String name, List<Double> values, String unit, String target) {
        measures.add(new Measure(name, values.stream().mapToDouble(Double::doubleValue).toArray(), unit, target));
    }

    Load find(String name) {
        return loads.stream().filter(load -> load.name().equals(name)).findFirst().orElse(null);
    }

    String markdown() {
        StringBuilder table = new StringBuilder("### ").append(title).append("\n\n");
        if (!loads.isEmpty()) {
            table.append("| load | req/s: median (min–max) | × limit | × Keycloak UMA | p50 | p99 | p99.9 | failed |\n")
                    .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Load load : loads) {
                Load peer = load.peer() == null ? null : find(load.peer());
                table.append("| %s | %,.0f (%,.0f–%,.0f) | %s | %s | %s | %s | %s | %d |%n".formatted(load.name(),
                        load.median(Wrk.Run::throughput), load.min(Wrk.Run::throughput), load.max(Wrk.Run::throughput),
                        limit == null ? "" : "%.2f".formatted(load.median(Wrk.Run::throughput) / limit.median(Wrk.Run::throughput)),
                        peer == null ? "" : "%.2f".formatted(load.median(Wrk.Run::throughput) / peer.median(Wrk.Run::throughput)),
                        ms(load.median(Wrk.Run::p50)), ms(load.median(Wrk.Run::p99)), ms(load.median(Wrk.Run::p999)), load.failed()));
            }
            table.append("\nLatencies are the median over the runs.\n\n");
        }
        table.append("| measure | min | median | max | target |\n| --- | --- | --- | --- | --- |\n");
        for (Measure measure : measures) {
            double[] values = measure.values();
            table.append("| %s | %s | %s | %s | %s |%n".formatted(measure.name(),
                    format(Arrays.stream(values).min().orElse(Double.NaN), measure.unit()), format(median(values), measure.unit()),
                    format(Arrays.stream(values).max().orElse(Double.NaN), measure.unit()), measure.target()));
        }
        return table.toString();
    }

    /** Horizontal bars: each load's median throughput, a whisker from its slowest to its fastest run. */
    String svg() {
        int labelWidth = 330;
        int barWidth = 520;
        int rowHeight = 26;
        int height = 50 + rowHeight * loads.size() + 30;
        double top = loads.stream().mapToDouble(load -> load.max(Wrk.Run::throughput)).max().orElse(1);
        StringBuilder svg = new StringBuilder("""
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">
                <rect width="100%%" height="100%%" fill="white"/>
                <text x="10" y="22" font-size="14" font-weight="bold">%s</text>
                <text x="10" y="40" fill="#555">requests per second, median of the runs (whisker: slowest to fastest run)</text>
                """.formatted(labelWidth + barWidth + 90, height, escape(title)));
        int y = 50;
        for (Load load : loads) {
            double median = load.median(Wrk.Run::throughput);
            String colour = load == limit ? "#888888" : load.name().startsWith("Keycloak") ? "#d08c2c" : "#2c6fbb";
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n".formatted(labelWidth - 8, y + 16, escape(load.name())));
            svg.append("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>%n".formatted(labelWidth, y + 3,
                    barWidth * median / top, colour));
            svg.append("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n".formatted(
                    labelWidth + barWidth * load.min(Wrk.Run::throughput) / top, labelWidth + barWidth * load.max(Wrk.Run::throughput) / top,
                    y + 12, y + 12));
            svg.append("<text x=\"%.1f\" y=\"%d\">%,.0f</text>%n".formatted(labelWidth + barWidth * load.max(Wrk.Run::throughput) / top + 6,
                    y + 16, median));
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    void write(Path markdown, Path svg) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.writeString(markdown, markdown());
        if (!loads.isEmpty()) {
            Files.writeString(svg, svg());
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(double value, String unit) {
        return switch (unit) {
            case "ms" -> Double.isInfinite(value) ? "stale" : "%.1f ms".formatted(value);
            case "×" -> "%.2f".formatted(value);
            default -> "%,.0f %s".formatted(value, unit).strip();
        };
    }

    private static String ms(double micros) {
        return "%.2f ms".formatted(micros / 1e3);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
