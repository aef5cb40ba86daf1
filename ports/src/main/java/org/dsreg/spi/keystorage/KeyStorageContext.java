package org.dsreg.spi.keystorage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dsreg.spi.state.StateDirectory;
import org.dsreg.spi.state.StateTree;

/**
 * What a backend is given: a directory of its own for whatever it keeps on disk
 * ({@code <state>/keys/<name>}), its options ({@code tcti} for the TPM backend, from
 * {@code --tpm-tcti}), and the state tree that directory is reached through. A backend reads and
 * writes its files only through {@link #openDirectory()} and {@link #createDirectory()}: relative
 * to an open directory, never through a link, owner and modes checked (see {@link StateTree}).
 *
 * @param linkFreeTop the directory at and below which no link is followed (the state directory,
 *     or the {@code --root} prefix that holds it)
 */
public record KeyStorageContext(Path directory, Map<String, String> options, Path linkFreeTop) {
    public KeyStorageContext {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath().normalize();
        options = Map.copyOf(options);
        linkFreeTop = Objects.requireNonNull(linkFreeTop, "linkFreeTop").toAbsolutePath().normalize();
        if (!directory.startsWith(linkFreeTop)) {
            throw new IllegalArgumentException(directory + " is not under " + linkFreeTop);
        }
    }

    /** A context whose directory is its own link-free top (tests, benchmarks, tools). */
    public KeyStorageContext(Path directory, Map<String, String> options) {
        this(directory, options, directory);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The backend's directory, opened and checked; empty when it does not exist yet. The caller closes it. */
    public Optional<StateDirectory> openDirectory() {
        return new StateTree(linkFreeTop).open(directory);
    }

    /** The backend's directory, created 0700 (its missing parents 0755) when missing. The caller closes it. */
    public StateDirectory createDirectory() {
        StateTree tree = new StateTree(linkFreeTop);
        Path parent = directory.getParent();
        if (parent == null) {
            return tree.create(directory, StateDirectory.DIR_0700);
        }
        try (StateDirectory above = tree.create(parent, StateDirectory.DIR_0755)) {
            return above.createDirectory(directory.getFileName().toString(), StateDirectory.DIR_0700);
        }
    }
}
