package org.dsreg.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** One titled block of aligned {@code Label : value} rows, the layout of Microsoft's Linux dsreg. */
final class Section {
    static final String RULE = "-".repeat(65);

    private record Row(String label, String value, Style.Health health) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    Section(String title) {
        this.title = title;
    }

    Section row(String label, String value) {
        return row(label, value, Style.Health.PLAIN);
    }

    Section row(String label, String value, Style.Health health) {
        rows.add(new Row(label, value, health));
        return this;
    }

    void print(PrintWriter out, Style style) {
        out.println(style.heading(title));
        out.println(RULE);
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        for (Row r : rows) {
            out.println(String.format("%-" + width + "s : %s", r.label(), style.paint(r.value(), r.health())));
        }
        out.println();
    }
}
