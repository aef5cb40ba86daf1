package org.dsreg.embed.internal;

import java.util.List;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;
import org.dsreg.port.in.JoinDeviceUseCase;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StoredPrt;

/**
 * What status and --diagnose get while no PRT store or refresh use case is bound ({@link WiringModule}'s optional
 * bindings): status says so for each of dsreg's registrations, the store keeps nothing, a refresh is refused.
 */
final class UnboundPrts implements PrtStore, RefreshPrtUseCase {
    private static final String MISSING = "this build of dsreg keeps no PRTs";

    @Override
    public PrtRecords read(TenantId tenant) {
        return new PrtRecords.Unreadable(MISSING);
    }

    @Override
    public List<StoredPrt> list(TenantId tenant) {
        return List.of();
    }

    @Override
    public void save(StoredPrt prt) {
        throw new DsregException(ErrorKind.NOT_AVAILABLE, MISSING);
    }

    @Override
    public void recordAttempt(TenantId tenant, PrtAttempt attempt) {
        throw new DsregException(ErrorKind.NOT_AVAILABLE, MISSING);
    }

    @Override
    public List<StoredPrt> deleteAll(TenantId tenant) {
        return List.of();
    }

    @Override
    public RefreshPrtResult refresh(RefreshPrtCommand command, JoinDeviceUseCase.DeviceCodePrompt prompt) {
        throw new DsregException(ErrorKind.NOT_AVAILABLE, MISSING);
    }
}
