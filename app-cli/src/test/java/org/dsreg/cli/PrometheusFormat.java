package org.dsreg.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), written from the format's
 * description for the tests: HELP and TYPE lines, samples with valid metric and label names,
 * escaped label values, numeric values, every sample after its family's TYPE, no duplicate series.
 */
final class PrometheusFormat {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private PrometheusFormat() {
    }

    /** Parses the text; returns every series (name + labels) with its value; throws on any error. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new HashMap<>();
        Set<String> typed = new HashSet<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (!typed.add(m.group(1))) {
                    throw new IllegalArgumentException("line " + n + ": second TYPE for " + m.group(1));
                }
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + n + ": a comment that is neither HELP nor TYPE");
            }
            m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + n + ": not a sample: " + line);
            }
            if (!typed.contains(m.group(1))) {
                throw new IllegalArgumentException("line " + n + ": sample before its TYPE: " + m.group(1));
            }
            String labels = m.group(3) == null ? "" : m.group(3);
            if (!labels.isEmpty()) {
                Matcher l = LABEL.matcher(labels);
                int end = 0;
                while (l.find() && l.start() == end) {
                    end = l.end();
                }
                if (end != labels.length()) {
                    throw new IllegalArgumentException("line " + n + ": bad labels: " + labels);
                }
            }
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + n + ": not a number: " + m.group(4));
            }
            if (series.put(m.group(1) + "{" + labels + "}", value) != null) {
                throw new IllegalArgumentException("line " + n + ": duplicate series " + m.group(1) + "{" + labels + "}");
            }
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line must end with a line feed");
        }
        return series;
    }
}
