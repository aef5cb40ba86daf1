package org.dsreg.port.out;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;

/**
 * dsreg's PRTs, per tenant and Entra account (object id), in the state directory, readable by root only (0600 files
 * in 0700 directories). Saving is one atomic step: afterwards the old PRT or the new one is stored, never a mix.
 */
public interface PrtStore {
    /**
     * What status shows for a tenant: the metadata of its PRTs and the last attempt ({@link PrtRecords.Known}, empty
     * when none was ever kept), {@link PrtRecords.RootOnly} when this user may not read them, or
     * {@link PrtRecords.Unreadable} with why. Never throws for an unreadable file.
     */
    PrtRecords read(TenantId tenant);

    /** The tenant's stored PRTs, secrets included. A corrupt or unsafe file is a {@code QUERY_FAILED} failure. */
    List<StoredPrt> list(TenantId tenant);

    /** The tenant's PRT for that account (object id), as {@link #list}. */
    default Optional<StoredPrt> find(TenantId tenant, String objectId) {
        return list(tenant).stream().filter(p -> p.metadata().objectId().equalsIgnoreCase(objectId)).findFirst();
    }

    /** Saves (or replaces) the PRT of its tenant and account in one atomic step. */
    void save(StoredPrt prt);

    /** Keeps the last attempt for the tenant (replacing the previous one), atomically. */
    void recordAttempt(TenantId tenant, PrtAttempt attempt);

    /**
     * Removes every PRT of the tenant and its last attempt; returns what was removed (so that the caller can delete
     * session keys kept in a backend). Nothing kept is an empty list.
     */
    List<StoredPrt> deleteAll(TenantId tenant);
}
