package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.TokenServiceException;
import org.junit.jupiter.api.Test;

/** The PRT tests of --diagnose: present, not expired, renewable (a renewal is made, never a sign-in). */
class PrtDiagnosisTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final DeviceId DEVICE = DeviceId.parse("11112222-3333-4444-5555-666677778888");
    static final String UPN = "alice@contoso.example";
    static final String OID = "0000aaaa-11bb-22cc-33dd-444444eeeeee";
    static final String ENDPOINT = "https://login.example/" + TENANT + "/oauth2/token";
    static final String DEV = "device " + DEVICE;
    static final String ALICE = DEV + ", account " + UPN;

    static DsregPrt prt(String upn, String oid, Optional<Instant> expiresOn) {
        return new DsregPrt(TENANT, upn, oid, NOW.minus(Duration.ofHours(5)), expiresOn, Optional.empty(), 2, "TPM");
    }

    /**
     * The other side of the PRT tests: the store (what it reads for any tenant: by default one PRT, valid for 13 more
     * days) and the refresh use case, which renews for 14 days, or fails with {@code failure}, or asks for a sign-in.
     */
    static final class Prts {
        PrtRecords records;
        RuntimeException failure;
        boolean asksForSignIn;
        final List<RefreshPrtCommand> renewed = new ArrayList<>();
        final PrtStore store;
        final RefreshPrtUseCase refresh;

        Prts(Instant now) {
            records = new PrtRecords.Known(List.of(prt(UPN, OID, Optional.of(now.plus(Duration.ofDays(13))))),
                    Optional.empty());
            store = new PrtStore() {
                @Override public PrtRecords read(TenantId tenant) { return records; }
                @Override public List<StoredPrt> list(TenantId t) { throw new AssertionError("the refresh reads them"); }
                @Override public void save(StoredPrt p) { throw new AssertionError("the refresh saves"); }
                @Override public void recordAttempt(TenantId t, PrtAttempt a) { throw new AssertionError(); }
                @Override public List<StoredPrt> deleteAll(TenantId t) { throw new AssertionError("never deletes"); }
            };
            refresh = (command, prompt) -> {
                renewed.add(command);
                if (asksForSignIn) {
                    prompt.show("To sign in, use a web browser to open the page https://microsoft.com/devicelogin");
                }
                if (failure != null) {
                    throw failure;
                }
                DsregPrt old = ((PrtRecords.Known) records).prts().stream()
                        .filter(p -> p.objectId().equals(command.account().orElseThrow())).findFirst().orElseThrow();
                return new RefreshPrtResult(PrtAttempt.Kind.RENEW,
                        old.renewed(now, Optional.of(now.plus(Duration.ofDays(14)))));
            };
        }
    }

    final Prts prts = new Prts(NOW);

    static Registration registration() {
        byte[] der = "cert".getBytes(StandardCharsets.US_ASCII);
        CertificateInfo cert = new CertificateInfo("CN=" + DEVICE, "CN=MS-Organization-Access", "01",
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)), Thumbprint.ofDer(der), der, der);
        return new Registration(TENANT, DEVICE, JoinType.JOINED, Optional.empty(), cert, new KeyRef("memory", "d"),
                Optional.empty(), TenantDetails.onlyId(TENANT), Optional.empty(), RegistrationSource.DSREG);
    }

    List<Diagnostics.Result> results() {
        return new PrtDiagnosis(prts.store, prts.refresh, Clock.fixed(NOW, ZoneOffset.UTC)).results(registration());
    }

    static Diagnostics.Result pass(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.PASS, detail);
    }

    @Test
    void aValidPrtIsPresentNotExpiredAndRenewedForItsAccountWithoutASignIn() {
        assertEquals(List.of(
                pass(DEV, "PRT Present Test", "1 PRT: " + UPN),
                pass(ALICE, "PRT Expiry Test", "valid until " + NOW.plus(Duration.ofDays(13)) + " (13 days left)"),
                pass(ALICE, "PRT Renewal Test", "renewed, valid until " + NOW.plus(Duration.ofDays(14)))), results());
        assertEquals(List.of(new RefreshPrtCommand(TENANT, new TokenSourceSpec.DeviceCode(), Optional.of(OID))),
                prts.renewed);
    }

    @Test
    void noPrtFailsSayingToRefreshAndNothingIsRenewed() {
        prts.records = new PrtRecords.Known(List.of(), Optional.empty());
        assertEquals(List.of(new Diagnostics.Result(DEV, "PRT Present Test", Outcome.FAIL, "no PRT yet",
                Optional.of(new Remedy.RefreshPrt(TENANT)))), results());
        assertEquals(List.of(), prts.renewed);
    }

    @Test
    void noPrtAfterAFailedAttemptSaysHowItFailed() {
        prts.records = new PrtRecords.Known(List.of(), Optional.of(new PrtAttempt(NOW.minusSeconds(60),
                PrtAttempt.Kind.ACQUIRE, Optional.of(UPN), false, Optional.of(400), Optional.of("AADSTS70000"),
                Optional.of("AADSTS70000: The grant is invalid."), Optional.of("t-1"), Optional.of("c-1"), ENDPOINT)));
        assertEquals(List.of(new Diagnostics.Result(DEV, "PRT Present Test", Outcome.FAIL, "no PRT yet; the last"
                + " attempt failed: acquire at " + NOW.minusSeconds(60) + " for " + UPN + ", AADSTS70000: The grant is"
                + " invalid. (HTTP 400)", Optional.of(new Remedy.RefreshPrt(TENANT)))), results());
    }

    @Test
    void prtsReadableByRootOnlyAreSkippedSayingToRunAsRoot() {
        prts.records = new PrtRecords.RootOnly();
        assertEquals(List.of(new Diagnostics.Result(DEV, "PRT Present Test", Outcome.SKIPPED,
                "dsreg's PRTs are readable by root only", Optional.of(new Remedy.RunAsRoot()))), results());
        assertEquals(List.of(), prts.renewed);
    }

    @Test
    void unreadablePrtFilesFailWithWhy() {
        prts.records = new PrtRecords.Unreadable("x.json is corrupt: no field 'upn'");
        assertEquals(List.of(new Diagnostics.Result(DEV, "PRT Present Test", Outcome.FAIL,
                "dsreg's PRT files cannot be read: x.json is corrupt: no field 'upn'")), results());
        assertEquals(List.of(), prts.renewed);
    }

    @Test
    void anExpiredPrtFailsTheExpiryTestAndIsNotRenewed() {
        prts.records = new PrtRecords.Known(List.of(prt(UPN, OID, Optional.of(NOW.minusSeconds(1)))),
                Optional.empty());
        List<Diagnostics.Result> results = results();
        assertEquals(List.of(new Diagnostics.Result(ALICE, "PRT Expiry Test", Outcome.FAIL,
                        "expired " + NOW.minusSeconds(1), Optional.of(new Remedy.RefreshPrt(TENANT))),
                new Diagnostics.Result(ALICE, "PRT Renewal Test", Outcome.SKIPPED, "an expired PRT is not renewed")),
                results.subList(1, 3));
        assertEquals(List.of(), prts.renewed);
    }

    @Test
    void aPrtWithoutAKnownExpirySkipsTheExpiryTestButIsRenewed() {
        prts.records = new PrtRecords.Known(List.of(prt(UPN, OID, Optional.empty())), Optional.empty());
        List<Diagnostics.Result> results = results();
        assertEquals(new Diagnostics.Result(ALICE, "PRT Expiry Test", Outcome.SKIPPED, "the service named no expiry"),
                results.get(1));
        assertEquals(Outcome.PASS, results.get(2).result(), results.toString());
    }

    @Test
    void aRenewalTheServiceRefusesFailsWithItsCodeTraceAndCorrelationIds() {
        prts.failure = new TokenServiceException(ErrorKind.QUERY_FAILED, "AADSTS70000: The grant is invalid.",
                Optional.of(400), Optional.of("AADSTS70000"), "AADSTS70000: The grant is invalid.", Optional.of("t-1"),
                "c-1", ENDPOINT, null);
        assertEquals(new Diagnostics.Result(ALICE, "PRT Renewal Test", Outcome.FAIL, "AADSTS70000: The grant is"
                + " invalid. (HTTP 400, trace id t-1, correlation id c-1, " + ENDPOINT + ")"), results().get(2));
    }

    @Test
    void aRenewalWithoutAReplyFailsWithDsregsOwnWord() {
        prts.failure = new TokenServiceException(ErrorKind.QUERY_FAILED, "no reply", Optional.empty(),
                Optional.of("no-reply"), "the token endpoint did not answer: timeout", Optional.empty(), "c-2",
                ENDPOINT, null);
        assertEquals(new Diagnostics.Result(ALICE, "PRT Renewal Test", Outcome.FAIL, "no-reply: the token endpoint did"
                + " not answer: timeout (correlation id c-2, " + ENDPOINT + ")"), results().get(2));
    }

    @Test
    void theServicesCodeIsSaidOnceWhateverItsDescriptionSays() {
        assertEquals("AADSTS70000: The grant is invalid.", PrtDiagnosis.answer(Optional.of("AADSTS70000"),
                Optional.of("AADSTS70000: The grant is invalid.")));
        assertEquals("AADSTS70000: invalid grant", PrtDiagnosis.answer(Optional.of("AADSTS70000"),
                Optional.of("invalid grant")));
        assertEquals("AADSTS70000", PrtDiagnosis.answer(Optional.of("AADSTS70000"), Optional.empty()));
        assertEquals("no reply at all", PrtDiagnosis.answer(Optional.empty(), Optional.of("no reply at all")));
        assertEquals("refused", PrtDiagnosis.answer(Optional.empty(), Optional.empty()));
    }

    @Test
    void anyOtherFailureOfTheRenewalFailsWithItsMessage() {
        prts.failure = new DsregException(ErrorKind.INSUFFICIENT_PERMISSIONS, "renewing a PRT needs root");
        assertEquals(new Diagnostics.Result(ALICE, "PRT Renewal Test", Outcome.FAIL, "renewing a PRT needs root"),
                results().get(2));
    }

    @Test
    void aRefreshThatAsksForASignInFailsInsteadOfPrompting() {
        prts.asksForSignIn = true;
        assertEquals(new Diagnostics.Result(ALICE, "PRT Renewal Test", Outcome.FAIL, "the refresh asked for a sign-in,"
                + " which a diagnosis does not make"), results().get(2));
    }

    @Test
    void eachOfSeveralPrtsIsTestedAndRenewedUnderItsOwnAccount() {
        String bobOid = "0000bbbb-11bb-22cc-33dd-444444eeeeee";
        prts.records = new PrtRecords.Known(List.of(prt(UPN, OID, Optional.of(NOW.plus(Duration.ofDays(3)))),
                prt("bob@contoso.example", bobOid, Optional.of(NOW.plus(Duration.ofDays(4))))), Optional.empty());
        List<Diagnostics.Result> results = results();
        assertEquals(pass(DEV, "PRT Present Test", "2 PRTs: " + UPN + ", bob@contoso.example"), results.get(0));
        String bob = DEV + ", account bob@contoso.example";
        assertEquals(List.of(ALICE, ALICE, bob, bob), results.subList(1, 5).stream().map(Diagnostics.Result::scope)
                .toList());
        assertTrue(results.stream().allMatch(r -> r.result() == Outcome.PASS), results.toString());
        assertEquals(List.of(Optional.of(OID), Optional.of(bobOid)),
                prts.renewed.stream().map(RefreshPrtCommand::account).toList());
    }
}
