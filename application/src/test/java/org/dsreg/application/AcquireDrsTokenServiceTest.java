package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenCommand;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.junit.jupiter.api.Test;

class AcquireDrsTokenServiceTest {
    static final TenantId CONTOSO = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final TenantId FABRIKAM = TenantId.parse("11112222-3333-4444-5555-666677778888");
    static final Account ALICE = new Account("alice@contoso.com", Optional.of(CONTOSO), "a.c", Optional.empty(),
            Optional.empty());
    static final Account BOB = new Account("bob@fabrikam.com", Optional.of(FABRIKAM), "b.f", Optional.empty(),
            Optional.empty());

    final ScriptedUserBroker broker = new ScriptedUserBroker();
    final AcquireDrsTokenService service = new AcquireDrsTokenService(broker);

    AccessToken token(String aud) {
        return new AccessToken("eyJ.token", Optional.empty(), Optional.ofNullable(aud));
    }

    @Test
    void theOnlyAccountGetsATokenForDrs() {
        broker.accounts = () -> List.of(ALICE);
        broker.token = () -> token(AcquireDrsTokenUseCase.DRS_AUDIENCE);
        AccessToken t = service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.empty(), Optional.empty()));
        assertEquals("eyJ.token", t.token());
        var request = broker.tokenRequests.get(0);
        assertEquals("29d9ed98-a469-4536-ade2-f981bc1d605e", request.clientId());
        assertEquals(List.of("01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default"), request.scopes());
        assertEquals("https://login.microsoftonline.com/" + CONTOSO, request.authority());
    }

    @Test
    void tenantOrUsernamePickOneOfSeveral() {
        broker.accounts = () -> List.of(ALICE, BOB);
        broker.token = () -> token(AcquireDrsTokenUseCase.DRS_AUDIENCE);
        service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.of(FABRIKAM), Optional.empty()));
        service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.empty(), Optional.of("ALICE@contoso.com")));
        assertEquals(List.of(BOB, ALICE), broker.tokenAccounts);

        DsregException several = assertThrows(DsregException.class,
                () -> service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.empty(), Optional.empty())));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, several.kind());
        assertEquals("the identity broker holds several accounts (" + ALICE.username() + ", " + BOB.username() + ")",
                several.getMessage());
        assertEquals(Optional.of(new Remedy.ChooseAccount(List.of(ALICE.username(), BOB.username()))),
                several.remedy());
    }

    @Test
    void noMatchingAccountIsAQueryFailure() {
        broker.accounts = () -> List.of(ALICE);
        DsregException e = assertThrows(DsregException.class,
                () -> service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.of(FABRIKAM), Optional.empty())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains(FABRIKAM.toString()), e.getMessage());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        broker.accounts = () -> List.of(ALICE);
        broker.token = () -> token("https://graph.microsoft.com");
        DsregException e = assertThrows(DsregException.class,
                () -> service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.empty(), Optional.empty())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("graph.microsoft.com"), e.getMessage());
        assertTrue(!e.getMessage().contains("eyJ.token"), "the token never reaches a message");
        broker.token = () -> token(null);
        assertThrows(DsregException.class,
                () -> service.acquireDrsToken(new AcquireDrsTokenCommand(Optional.empty(), Optional.empty())));
    }

    @Test
    void aMalformedUsernameIsAnInvalidArgument() {
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class,
                () -> new AcquireDrsTokenCommand(Optional.empty(), Optional.of("not a upn"))).kind());
    }
}
