package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.dsreg.domain.CorruptRegistration;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Remedy;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.spi.state.StateDirectory;

/**
 * Registrations as one JSON file per tenant: {@code <state>/registrations/<tenant-id>.json}.
 * Each file holds the whole registration (the certificate inline, the keys by reference), so
 * saving is one atomic rename. Registration files hold no secret and are world-readable (0644),
 * so that any user's {@code dsreg --status} can report them; keys live apart, in 0700 directories.
 */
final class FileRegistrationStore implements RegistrationStore {
    private static final String SUFFIX = ".json";
    private static final String DIRECTORY = "registrations";

    private final LinuxPaths paths;

    @Inject
    FileRegistrationStore(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public List<Registration> list() {
        return contents().registrations();
    }

    @Override
    public List<CorruptRegistration> corrupt() {
        return contents().corrupt();
    }

    @Override
    public Contents contents() {
        List<Registration> found = new ArrayList<>();
        List<CorruptRegistration> corrupt = new ArrayList<>();
        scan(found, corrupt);
        found.sort(Comparator.comparing(r -> r.tenantId().toString()));
        return new Contents(found, corrupt);
    }

    /** Reads every registration file: the sound ones into {@code found}, the others into {@code corrupt}. */
    private void scan(List<Registration> found, List<CorruptRegistration> corrupt) {
        try (StateDirectory dir = registrations().orElse(null)) {
            if (dir == null) {
                return; // nothing was ever registered here
            }
            for (String name : dir.names()) {
                String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (!name.startsWith(".") && TenantId.looksLikeGuid(stem)) {
                    if (!stem.equals(TenantId.parse(stem).toString())) {
                        corrupt.add(new CorruptRegistration(dir.path().resolve(name).toString(),
                                Optional.of(TenantId.parse(stem)), "its name is not the tenant id in lower case,"
                                + " as dsreg names registration files"));
                        continue;
                    }
                    try {
                        read(dir, name).ifPresent(found::add);
                    } catch (CorruptFile e) {
                        corrupt.add(new CorruptRegistration(dir.path().resolve(name).toString(),
                                Optional.of(TenantId.parse(stem)), e.reason));
                    }
                }
            }
        }
    }

    @Override
    public Optional<Registration> find(TenantId tenant) {
        try (StateDirectory dir = registrations().orElse(null)) {
            return dir == null ? Optional.empty() : read(dir, fileOf(tenant));
        }
    }

    @Override
    public void save(Registration registration) {
        if (registration.source() != RegistrationSource.DSREG) {
            throw new IllegalArgumentException("only dsreg's own registrations are stored here");
        }
        byte[] json;
        try {
            json = RegistrationJson.write(registration);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a registration always serialises", e);
        }
        try (StateDirectory dir = paths.createStateSubdirectory(DIRECTORY)) {
            dir.replace(fileOf(registration.tenantId()), json, StateDirectory.FILE_0644);
        }
    }

    @Override
    public boolean delete(TenantId tenant) {
        try (StateDirectory dir = registrations().orElse(null)) {
            return dir != null && dir.delete(fileOf(tenant));
        }
    }

    /** {@code <state>/registrations}, opened and checked; empty when there is none yet. */
    private Optional<StateDirectory> registrations() {
        return paths.openStateSubdirectory(DIRECTORY);
    }

    private static String fileOf(TenantId tenant) {
        return tenant + SUFFIX;
    }

    // --- reading --------------------------------------------------------------------------------

    private Optional<Registration> read(StateDirectory dir, String name) {
        Optional<byte[]> bytes = dir.read(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        TenantId named = TenantId.parse(name.substring(0, name.length() - SUFFIX.length()));
        try {
            return Optional.of(RegistrationJson.read(bytes.get(), named));
        } catch (RegistrationJson.Corrupt e) {
            throw new CorruptFile(dir.path().resolve(name), e.getMessage(), e.getCause());
        }
    }

    /** A registration file that is corrupt: as a failure of {@link #find}, exit 3 naming it. */
    private static final class CorruptFile extends DsregException {
        private static final long serialVersionUID = 1L;
        final String reason;

        CorruptFile(Path file, String reason, Throwable cause) {
            super(ErrorKind.QUERY_FAILED, "registration file " + file + " is corrupt: " + reason,
                    new Remedy.RestoreOrCleanup(), cause);
            this.reason = reason;
        }
    }
}
