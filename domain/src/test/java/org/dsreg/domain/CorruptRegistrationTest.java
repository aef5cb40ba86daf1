package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorruptRegistrationTest {
    @Test
    void aCorruptFileIsAnErrorWhoseRemedyIsToRestoreOrCleanUp() {
        Problem p = new CorruptRegistration("/var/lib/dsreg/registrations/x.json", Optional.empty(), "not JSON")
                .problem();
        assertEquals(Problem.Severity.ERROR, p.severity());
        assertEquals("Registration file /var/lib/dsreg/registrations/x.json is corrupt: not JSON", p.message());
        assertEquals(new Remedy.RestoreOrCleanup(), p.remedy());
    }
}
