package org.dsreg.cli;

import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --list-key-storages}: no option of its own ({@code --tpm-tcti} is shared: a join uses it too). */
final class ListKeyStoragesOptions implements ActionOptions {
    @Option(names = "--list-key-storages", required = true,
            description = "List the key-storage backends dsreg sees, their capabilities, and whether each is usable.")
    boolean listKeyStorages;

    @Override
    public String flag() {
        return "--list-key-storages";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new ListKeyStoragesAction(i.out(), i.style(), i.json()).run(dsreg);
    }
}
