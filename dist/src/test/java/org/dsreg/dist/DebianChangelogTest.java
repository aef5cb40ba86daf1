package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DebianChangelogTest {
    @Test
    void oneEntryForTheVersionAtTheBuildsTime() {
        assertEquals("""
                dsreg (0.1.0~SNAPSHOT) unstable; urgency=medium

                  * dsreg 0.1.0-SNAPSHOT, built from its sources. Its history is the
                    project's git log.

                 -- dsreg developers <dev@dsreg.invalid>  Tue, 01 Dec 2026 00:00:00 +0000
                """, DebianChangelog.render("0.1.0~SNAPSHOT", "0.1.0-SNAPSHOT",
                Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void aHyphenBecomesATilde() {
        assertEquals("0.1.0~SNAPSHOT", DebianChangelog.packageVersion("0.1.0-SNAPSHOT"));
        assertEquals("1.2.3", DebianChangelog.packageVersion("1.2.3"));
    }

    @Test
    void theBuildsTimeIsIsoOrSecondsSince1970() {
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), DebianChangelog.buildTime("2026-12-01T00:00:00Z"));
        assertEquals(Instant.ofEpochSecond(1796169600L), DebianChangelog.buildTime("1796169600"));
    }
}
