package org.dsreg.adapter.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.spi.state.StateDirectory;
import org.dsreg.spi.state.StateTreeException;

/**
 * dsreg's PRTs as files readable by root only, through the state tree (no link followed, owners and modes checked,
 * every write a temporary file renamed over the name):
 * <pre>
 * &lt;state&gt;/prt/                          0700
 * &lt;state&gt;/prt/&lt;tenant-id&gt;/              0700, one per registration
 * &lt;state&gt;/prt/&lt;tenant-id&gt;/&lt;object-id&gt;.json  0600, one per Entra account: metadata, PRT, session key reference
 * &lt;state&gt;/prt/&lt;tenant-id&gt;/last-attempt.json   0600, the last acquire or renew attempt (no secret)
 * </pre>
 * Ids are GUIDs in lower case; the format is {@link PrtJson}'s. A PRT file that is corrupt or unsafe fails
 * {@link #list} and {@link #find} of its account (never another account's find) and makes {@link #read} say why;
 * {@link #save} of the same account replaces it (that is the repair), and {@link #deleteAll} removes it with the
 * rest (the tenant is being unregistered), though it cannot return what it cannot read.
 */
final class FilePrtStore implements PrtStore {
    static final String DIRECTORY = "prt";
    static final String LAST_ATTEMPT = "last-attempt.json";
    private static final String SUFFIX = ".json";
    private static final Comparator<StoredPrt> BY_UPN = Comparator.comparing((StoredPrt p) -> p.metadata().upn(),
            String.CASE_INSENSITIVE_ORDER).thenComparing(p -> p.metadata().objectId());

    private final LinuxPaths paths;

    @Inject
    FilePrtStore(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public PrtRecords read(TenantId tenant) {
        try (StateDirectory dir = tenantDirectory(tenant).orElse(null)) {
            if (dir == null) {
                return new PrtRecords.Known(List.of(), Optional.empty());
            }
            List<DsregPrt> prts = scan(dir, tenant).stream().map(StoredPrt::metadata).toList();
            Optional<PrtAttempt> last = parsed(dir, LAST_ATTEMPT, b -> PrtJson.readAttempt(b, tenant));
            return new PrtRecords.Known(prts, last);
        } catch (StateTreeException e) {
            return unreadable(e);
        } catch (CorruptFile e) {
            return new PrtRecords.Unreadable(e.getMessage());
        }
    }

    /** Status's view of a state tree that refused: not root's to read, or why it is unsafe. */
    static PrtRecords unreadable(StateTreeException e) {
        return e.rule() == StateTreeException.Rule.PERMISSION_DENIED ? new PrtRecords.RootOnly()
                : new PrtRecords.Unreadable(e.getMessage());
    }

    @Override
    public List<StoredPrt> list(TenantId tenant) {
        try (StateDirectory dir = tenantDirectory(tenant).orElse(null)) {
            return dir == null ? List.of() : scan(dir, tenant);
        }
    }

    /** Reads that account's file alone: another account's corrupt file does not stand in its way. */
    @Override
    public Optional<StoredPrt> find(TenantId tenant, String objectId) {
        if (!TenantId.looksLikeGuid(objectId)) {
            return Optional.empty();
        }
        String name = objectId.toLowerCase(Locale.ROOT) + SUFFIX;
        try (StateDirectory dir = tenantDirectory(tenant).orElse(null)) {
            return dir == null ? Optional.empty() : parsed(dir, name, b -> PrtJson.read(b, tenant, stem(name)));
        }
    }

    @Override
    public void save(StoredPrt prt) {
        TenantId tenant = prt.metadata().tenantId();
        byte[] json = PrtJson.write(prt);
        try (StateDirectory dir = createTenantDirectory(tenant)) {
            dir.replace(prt.metadata().objectId().toLowerCase(Locale.ROOT) + SUFFIX, json, StateDirectory.FILE_0600);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    @Override
    public void recordAttempt(TenantId tenant, PrtAttempt attempt) {
        try (StateDirectory dir = createTenantDirectory(tenant)) {
            dir.replace(LAST_ATTEMPT, PrtJson.write(tenant, attempt), StateDirectory.FILE_0600);
        }
    }

    /**
     * Removes every regular file of the tenant's directory (corrupt PRT files and temporary files left by a crash
     * included), then the directory. Anything else there (a link, a directory) is refused before anything is
     * removed. Returns the PRTs that could be read, for their session keys.
     */
    @Override
    public List<StoredPrt> deleteAll(TenantId tenant) {
        try (StateDirectory prt = paths.openStateSubdirectory(DIRECTORY).orElse(null)) {
            if (prt == null) {
                return List.of();
            }
            List<StoredPrt> removed = new ArrayList<>();
            try (StateDirectory dir = prt.directory(tenant.toString()).orElse(null)) {
                if (dir == null) {
                    return List.of();
                }
                List<String> files = dir.regularFiles();
                for (String name : dir.names()) {
                    if (!files.contains(name)) {
                        dir.delete(name); // refuses a link or a directory, naming it, and removes nothing
                    }
                }
                for (String name : files) {
                    readableOrNone(dir, name, tenant).ifPresent(removed::add);
                }
                for (String name : files) {
                    dir.delete(name);
                }
            }
            prt.deleteDirectory(tenant.toString());
            removed.sort(BY_UPN);
            return removed;
        }
    }

    // --- the directories ------------------------------------------------------------------------

    /** {@code <state>/prt/<tenant-id>}, opened and checked; empty when there is none. */
    private Optional<StateDirectory> tenantDirectory(TenantId tenant) {
        try (StateDirectory prt = paths.openStateSubdirectory(DIRECTORY).orElse(null)) {
            return prt == null ? Optional.empty() : prt.directory(tenant.toString());
        }
    }

    /** {@code <state>/prt/<tenant-id>}, made 0700 (and {@code prt} with it) when missing, closed to others if not. */
    private StateDirectory createTenantDirectory(TenantId tenant) {
        try (StateDirectory state = paths.stateTree().create(paths.stateDir(), StateDirectory.DIR_0755);
             StateDirectory prt = state.createDirectory(DIRECTORY, StateDirectory.DIR_0700)) {
            return prt.createDirectory(tenant.toString(), StateDirectory.DIR_0700);
        }
    }

    // --- reading --------------------------------------------------------------------------------

    /** Every PRT file of the directory, sorted by UPN; a corrupt one fails the whole. */
    private static List<StoredPrt> scan(StateDirectory dir, TenantId tenant) {
        List<StoredPrt> found = new ArrayList<>();
        for (String name : dir.names()) {
            String stem = stem(name);
            if (name.startsWith(".") || !name.endsWith(SUFFIX) || !TenantId.looksLikeGuid(stem)) {
                continue; // the last attempt, a temporary file, or nothing of ours
            }
            if (!stem.equals(stem.toLowerCase(Locale.ROOT))) {
                throw new CorruptFile(dir.path().resolve(name), "its name is not the object id in lower case, as"
                        + " dsreg names PRT files");
            }
            parsed(dir, name, b -> PrtJson.read(b, tenant, stem)).ifPresent(found::add);
        }
        found.sort(BY_UPN);
        return found;
    }

    /** For deleteAll: the PRT in a file, if it is one and reads; anything else is removed unread. */
    private static Optional<StoredPrt> readableOrNone(StateDirectory dir, String name, TenantId tenant) {
        String stem = stem(name);
        if (name.startsWith(".") || !name.endsWith(SUFFIX) || !TenantId.looksLikeGuid(stem)) {
            return Optional.empty();
        }
        try {
            return dir.read(name).map(b -> PrtJson.read(b, tenant, stem));
        } catch (StrictJson.Corrupt | DsregException e) {
            return Optional.empty();
        }
    }

    /** A private file of the directory, parsed; empty when there is none. */
    private static <T> Optional<T> parsed(StateDirectory dir, String name, java.util.function.Function<byte[], T> how) {
        Optional<byte[]> bytes = dir.readPrivate(name);
        try {
            return bytes.map(how);
        } catch (StrictJson.Corrupt e) {
            throw new CorruptFile(dir.path().resolve(name), e.getMessage());
        } finally {
            bytes.ifPresent(b -> Arrays.fill(b, (byte) 0));
        }
    }

    private static String stem(String name) {
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    /** A PRT file (or the last attempt) that is corrupt: exit 3, naming it and why, quoting none of it. */
    static final class CorruptFile extends DsregException {
        private static final long serialVersionUID = 1L;

        CorruptFile(Path file, String reason) {
            super(ErrorKind.QUERY_FAILED, "PRT file " + file + " is corrupt: " + reason, Remedy.say("remove it"
                    + " (rm " + file + ") and acquire that account's PRT again; unregistering removes it too"), null);
        }
    }
}
