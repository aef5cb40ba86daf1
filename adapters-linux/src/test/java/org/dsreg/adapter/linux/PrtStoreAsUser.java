package org.dsreg.adapter.linux;

import java.nio.file.Path;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.spi.state.StateTreeException;

/**
 * {@link FilePrtStore} in a process of its own, for {@link FilePrtStoreAsUserTest} to run as another user:
 * {@code read STATE}, {@code list STATE} or {@code save STATE SECRET} (alice's PRT with that secret), for
 * {@link FilePrtStoreTest#TENANT}. Prints what status would get, the count listed, {@code saved}, or the rule a
 * refusal broke.
 */
public final class PrtStoreAsUser {
    private PrtStoreAsUser() {
    }

    public static void main(String[] args) {
        FilePrtStore store = new FilePrtStore(new LinuxPaths(Path.of("/"), Path.of(args[1])));
        TenantId tenant = FilePrtStoreTest.TENANT;
        try {
            switch (args[0]) {
                case "read" -> {
                    PrtRecords r = store.read(tenant);
                    System.out.println(r instanceof PrtRecords.Known k ? "Known " + k.prts().size()
                            : r.getClass().getSimpleName());
                }
                case "list" -> System.out.println("listed " + store.list(tenant).size());
                case "save" -> {
                    StoredPrt a = FilePrtStoreTest.alice();
                    store.save(new StoredPrt(a.metadata(), args[2], a.sessionKey()));
                    System.out.println("saved");
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (StateTreeException e) {
            System.out.println("refused " + e.rule());
        }
    }
}
