package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.UserCredential;
import org.dsreg.port.out.UserCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first PRT's user credential: a refresh token file only its owner may read (refused otherwise, exit 5: a
 * long-lived credential), or the device code sign-in's refresh token, from the same loop as a join's DRS token.
 */
class HttpUserCredentialsTest {
    static final String TOKEN = "0.ARefreshToken_-*.x";

    @TempDir
    Path dir;

    HttpUserCredentials credentials(DrsSettings settings) {
        return new HttpUserCredentials(new DeviceCodeFlow(new HttpClients(settings)));
    }

    HttpUserCredentials offline() {
        return credentials(new DrsSettings(java.net.URI.create("https://x"), Optional.empty(),
                java.time.Duration.ofSeconds(1), "0"));
    }

    Path file(String content, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("rt-" + mode), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void aRefreshTokenFileOnlyItsOwnerReadsGivesTheToken() throws Exception {
        UserCredential c = offline().refreshTokenFile(file("\n  " + TOKEN + "\n", "rw-------"));
        assertEquals(TOKEN, c.refreshToken());
        assertEquals(Optional.empty(), c.upn());
        assertFalse(c.toString().contains(TOKEN));
    }

    @Test
    void aRefreshTokenFileGroupOrOthersMayReadIsRefused() throws Exception {
        for (String mode : List.of("rw-r-----", "rw----r--")) {
            Path f = file(TOKEN, mode);
            DsregException e = assertThrows(DsregException.class, () -> offline().refreshTokenFile(f));
            assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
            assertEquals("the refresh token file " + f + " is readable by group or others; protect it with"
                    + " 'chmod 600 " + f + "' and run again", e.getMessage());
        }
    }

    @Test
    void aLinkIsJudgedByTheFileItNames() throws Exception {
        Path open = file(TOKEN, "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link"), open);
        DsregException e = assertThrows(DsregException.class, () -> offline().refreshTokenFile(link));
        assertTrue(e.getMessage().contains("is readable by group or others"), e.getMessage());
        Path link2 = Files.createSymbolicLink(dir.resolve("link2"), file(TOKEN, "rw-------"));
        assertEquals(TOKEN, offline().refreshTokenFile(link2).refreshToken());
    }

    @Test
    void aFileThatIsMissingADirectoryOrNotOneTokenIsRefused() throws Exception {
        Path two = file("a b", "rw-------");
        Path empty = file("  \n", "r--------");
        for (var c : List.of(
                new Object[] {dir.resolve("none"), "there is no refresh token file " + dir.resolve("none")},
                new Object[] {dir, "the refresh token file " + dir + " is a directory"},
                new Object[] {two, "the refresh token file " + two + " does not hold one refresh token"},
                new Object[] {empty, "the refresh token file " + empty + " does not hold one refresh token"})) {
            DsregException e = assertThrows(DsregException.class, () -> offline().refreshTokenFile((Path) c[0]));
            assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
            assertEquals(c[1], e.getMessage());
        }
    }

    @Test
    void theDeviceCodeSignInGivesItsRefreshTokenAndAccount() throws Exception {
        try (PrtService s = new PrtService(dir)) {
            s.reply(200, "{\"device_code\":\"dc\",\"user_code\":\"UC\",\"verification_uri\":\"https://v\","
                    + "\"interval\":1,\"expires_in\":60,\"message\":\"Enter UC\"}");
            s.reply(400, "{\"error\":\"authorization_pending\"}");
            s.reply(200, "{\"access_token\":\"at\",\"refresh_token\":\"" + TOKEN + "\",\"id_token\":\""
                    + PrtService.jwt("{\"preferred_username\":\"alice@contoso.example\",\"oid\":\"0bj\"}") + "\"}");
            List<String> prompts = new ArrayList<>();
            UserCredential c = credentials(s.settings).deviceCode(s.registration.tenantDetails(),
                    UserCredentials.PRT_CLIENT_ID, "openid profile offline_access", prompts::add);
            assertEquals(TOKEN, c.refreshToken());
            assertEquals(Optional.of("alice@contoso.example"), c.upn());
            assertEquals(Optional.of("0bj"), c.objectId());
            assertEquals(List.of("Enter UC"), prompts);
            RecordedRequest code = s.server.takeRequest();
            assertEquals("/" + PrtService.TENANT + "/oauth2/v2.0/devicecode", code.getPath());
            assertEquals("29d9ed98-a469-4536-ade2-f981bc1d605e", PrtService.form(code).get("client_id"));
            assertEquals(DeviceCodeFlow.DEVICE_CODE_GRANT, PrtService.form(s.server.takeRequest()).get("grant_type"));
        }
    }

    @Test
    void aSignInWithoutARefreshTokenIsNoCredential() throws Exception {
        try (PrtService s = new PrtService(dir)) {
            s.reply(200, "{\"device_code\":\"dc\",\"interval\":1,\"expires_in\":60}");
            s.reply(200, "{\"access_token\":\"at\"}");
            DsregException e = assertThrows(DsregException.class, () -> credentials(s.settings).deviceCode(
                    s.registration.tenantDetails(), UserCredentials.PRT_CLIENT_ID, "openid", p -> { }));
            assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
            assertEquals("no user sign-in by the device code flow: the sign-in gave no refresh_token (the scope must"
                    + " include offline_access)", e.getMessage());
        }
    }
}
