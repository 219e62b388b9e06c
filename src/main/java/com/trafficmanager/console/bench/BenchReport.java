package com.trafficmanager.console.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints a scenario's figures as a table and writes them to {@code <dir>/<scenario>.json}. */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    static void print(String scenario, List<Figure> figures, PrintStream out) {
        out.println();
        out.println("== " + scenario);
        out.printf(Locale.ROOT, "%-28s %14s %-10s %14s %9s %12s%n", "figure", "value", "unit", "floor", "ratio", "target");
        for (Figure f : figures) {
            out.printf(Locale.ROOT, "%-28s %14s %-10s %14s %9s %12s%n", f.name(), num(f.value()), f.unit(),
                    f.floor() == null ? "" : num(f.floor()), f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()),
                    f.target() == null ? "" : num(f.target()));
        }
    }

    static Path write(Path dir, String scenario, List<Figure> figures) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("written_at", java.time.Instant.now().toString());
        ArrayNode array = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode node = array.addObject();
            node.put("name", f.name());
            node.put("value", round(f.value()));
            node.put("unit", f.unit());
            if (f.floor() != null) {
                node.put("floor", round(f.floor()));
            }
            if (f.ratio() != null) {
                node.put("ratio", round(f.ratio()));
            }
            if (f.target() != null) {
                node.put("target", round(f.target()));
            }
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(scenario + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String num(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
