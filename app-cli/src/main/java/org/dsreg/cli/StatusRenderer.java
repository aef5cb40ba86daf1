package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;

/** One output format of the status (and of the diagnostics, when given): one implementation per {@code --format}. */
interface StatusRenderer {
    /** Prints the status, then the diagnostics when they are not {@code null}. */
    void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out);

    /** The renderer of a format; {@code style} is for the text format's colours. */
    static StatusRenderer of(DsregCommand.Format format, Style style) {
        return switch (format) {
            case json -> new JsonRenderer();
            case dsregcmd -> new DsregcmdRenderer();
            case prometheus -> new PrometheusRenderer();
            case text -> new TextRenderer(style);
        };
    }
}
