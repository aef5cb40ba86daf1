package org.dsreg.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StoredPrt;

/** The PRT store as the use cases see it: saved PRTs by tenant and object id, the last attempt; a switch to fail saves. */
final class InMemoryPrtStore implements PrtStore {
    final Map<String, StoredPrt> saved = new LinkedHashMap<>();
    final Map<TenantId, PrtAttempt> attempts = new LinkedHashMap<>();
    boolean failSaves;
    boolean failDeletes;

    private static String key(TenantId tenant, String objectId) {
        return tenant + "/" + objectId.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public PrtRecords read(TenantId tenant) {
        return new PrtRecords.Known(list(tenant).stream().map(StoredPrt::metadata).toList(),
                Optional.ofNullable(attempts.get(tenant)));
    }

    @Override
    public List<StoredPrt> list(TenantId tenant) {
        return saved.values().stream().filter(p -> p.metadata().tenantId().equals(tenant))
                .sorted(Comparator.comparing(p -> p.metadata().upn())).toList();
    }

    @Override
    public void save(StoredPrt prt) {
        if (failSaves) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot write the PRT file: no space left on device");
        }
        saved.put(key(prt.metadata().tenantId(), prt.metadata().objectId()), prt);
    }

    @Override
    public void recordAttempt(TenantId tenant, PrtAttempt attempt) {
        attempts.put(tenant, attempt);
    }

    @Override
    public List<StoredPrt> deleteAll(TenantId tenant) {
        if (failDeletes) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "prt/x/y is a symbolic link; not followed");
        }
        List<StoredPrt> removed = new ArrayList<>(list(tenant));
        removed.forEach(p -> saved.remove(key(tenant, p.metadata().objectId())));
        attempts.remove(tenant);
        return removed;
    }
}
