package org.dsreg.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.dsreg.embed.Dsreg;
import org.dsreg.spi.keystorage.Availability;

/** {@code --list-key-storages}: each key-storage backend, what it can do, and whether it is usable here. */
final class ListKeyStoragesAction {
    private final PrintWriter out;
    private final Style style;
    private final boolean json;

    ListKeyStoragesAction(PrintWriter out, Style style, boolean json) {
        this.out = out;
        this.style = style;
        this.json = json;
    }

    int run(Dsreg dsreg) {
        var backends = dsreg.keyStorages();
        if (json) {
            out.println(ActionJson.keyStorages(backends));
            return 0;
        }
        for (var b : backends) {
            boolean usable = b.usable();
            Section s = new Section("Key Storage: " + b.name());
            s.row("Description", b.description());
            s.row("Capabilities", b.capabilities().isEmpty() ? "none" : String.join(", ",
                    b.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .sorted().toList()));
            s.row("Usable Here", usable ? "YES" : "NO", usable ? Style.Health.GOOD : Style.Health.WARN);
            s.row(usable ? "Details" : "Reason", usable ? ((Availability.Usable) b.availability()).details()
                    : ((Availability.Unusable) b.availability()).reason());
            s.print(out, style);
        }
        return 0;
    }
}
