package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertOAuthError;
import static org.dsreg.testkit.drs.DrsTestSupport.blob;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.csr;
import static org.dsreg.testkit.drs.DrsTestSupport.json;
import static org.dsreg.testkit.drs.DrsTestSupport.rsa2048;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The requests public clients are known to send, built from the field lists in their source, replayed against the
 * emulator, which must accept them as the service does: dirkjanm/ROADtools {@code roadlib/roadtools/roadlib/
 * deviceauth.py} (register_device, Windows branch, and delete_device), Gerenios/AADInternals {@code PRT_Utils.ps1}
 * (Register-DeviceToAzureAD) and himmelblau-idm/libhimmelblau {@code src/discovery.rs} (enroll_device) and
 * {@code src/auth.rs} (request_nonce, srv_challenge).
 */
@ExtendWith(DrsEmulatorExtension.class)
class RealClientReplayIT {
    private static final String UPN = "alice@contoso.example";

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static HttpRequest.Builder post(DrsEmulator drs, String apiVersion, String body) {
        return HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/?api-version=" + apiVersion))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static X509Certificate certificateOf(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = json(r);
        assertTrue(answer.at("/Certificate/Thumbprint").isTextual(), r.body());
        return DrsTestSupport.certificate(Base64.getDecoder().decode(answer.at("/Certificate/RawBody").asText()));
    }

    private static String deviceId(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName().substring(3);
    }

    @Test
    void roadtoolsRegistersAndDeletesADevice(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        KeyPair key = rsa2048();
        // ROADtools: no nonce, the device key doubles as transport key, lower-case "attributes" with strings and
        // the device ticket MSA-DDID, TargetDomain whatever it is given, no ocp-adrs-* header
        String body = """
                {"CertificateRequest": {"Type": "pkcs10", "Data": "%s"},
                 "TransportKey": "%s",
                 "TargetDomain": "iminyour.cloud",
                 "DeviceType": "Windows",
                 "OSVersion": "10.0.19041.928",
                 "DeviceDisplayName": "DESKTOP-7QX2M4KD",
                 "JoinType": 0,
                 "attributes": {"ReuseDevice": "true", "ReturnClientSid": "true", "MSA-DDID": "%s"}}
                """.formatted(b64(csr(key, null)), b64(blob((RSAPublicKey) key.getPublic())),
                b64("t=device-ticket".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> joined = send(http, post(drs, "2.0", body)
                .header("User-Agent", "Dsreg/10.0 (Windows 10.0.19041.928)")
                .header("Authorization", "Bearer " + drs.issueAccessToken(UPN))
                .header("Content-Type", "application/json").build());
        X509Certificate cert = certificateOf(joined);
        assertEquals(key.getPublic(), cert.getPublicKey());
        RegisteredDevice device = drs.devices().get(deviceId(cert));
        assertEquals("Windows", device.deviceType());
        assertEquals("iminyour.cloud", device.targetDomain());
        assertFalse(device.sharedDevice());

        // delete_device: DELETE without api-version or any header, TLS client authentication; it expects 200
        HttpClient asDevice = client(drs, key, cert);
        HttpResponse<String> deleted = send(asDevice, HttpRequest.newBuilder(URI.create(drs.baseUrl()
                + "/EnrollmentServer/device/" + deviceId(cert))).timeout(Duration.ofSeconds(20)).DELETE().build());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(drs.devices().get(deviceId(cert)).deleted());
    }

    @Test
    void aadInternalsJoinsWithApiVersionOneAndCapitalisedStrings(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        KeyPair key = rsa2048();
        // PowerShell turns $true into "True": the Attributes are "True"/"False" strings; api-version=1.0
        String body = """
                {"CertificateRequest": {"Type": "pkcs10", "Data": "%s"},
                 "Attributes": {"ReuseDevice": "True", "ReturnClientSid": "True", "SharedDevice": "True"},
                 "JoinType": 4,
                 "TransportKey": "%s",
                 "TargetDomain": "contoso.example",
                 "DeviceType": "Windows",
                 "OSVersion": "10.0.19041.572",
                 "DeviceDisplayName": "SixByFour"}
                """.formatted(b64(csr(key, null)), b64(blob((RSAPublicKey) key.getPublic())));
        HttpResponse<String> joined = send(http, post(drs, "1.0", body)
                .header("Authorization", "Bearer " + drs.issueAccessToken(UPN))
                .header("Content-Type", "application/json; charset=utf-8").build());
        X509Certificate cert = certificateOf(joined);
        RegisteredDevice device = drs.devices().get(deviceId(cert));
        assertEquals(4, device.joinType());
        assertTrue(device.sharedDevice(), "SharedDevice \"True\" is kept on the device");
    }

    @Test
    void libhimmelblauEnrollsWithStringAttributes(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        KeyPair deviceKey = rsa2048();
        KeyPair transportKey = rsa2048();
        // serde_json writes the members in alphabetical order; no nonce in the CSR
        String body = """
                {"Attributes":{"ReturnClientSid":"true","ReuseDevice":"true"},
                 "CertificateRequest":{"Data":"%s","Type":"pkcs10"},
                 "DeviceDisplayName":"fedora-box","DeviceType":"Linux","JoinType":0,
                 "OSVersion":"Fedora Linux 40 (Workstation Edition) 40","TargetDomain":"contoso.example",
                 "TransportKey":"%s"}
                """.formatted(b64(csr(deviceKey, null)), b64(blob((RSAPublicKey) transportKey.getPublic())));
        HttpResponse<String> joined = send(http, post(drs, "2.0", body)
                .header("Authorization", "Bearer " + drs.issueAccessToken(UPN))
                .header("Content-Type", "application/json")
                .header("ocp-adrs-client-name", "libhimmelblau").header("ocp-adrs-client-version", "0.7.0")
                .header("Accept", "application/json, text/plain, */*").build());
        X509Certificate cert = certificateOf(joined);
        assertEquals(deviceKey.getPublic(), cert.getPublicKey());
        assertEquals("Fedora Linux 40 (Workstation Edition) 40", drs.devices().get(deviceId(cert)).osVersion());
    }

    @Test
    void sharedDeviceIsReadInAnyMemberCaseAsBooleanOrString(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        String[] attributes = {"\"attributes\":{\"shareddevice\":true}", "\"ATTRIBUTES\":{\"SharedDevice\":\" false \"}",
                "\"Attributes\":{\"SharedDevice\":\"TRUE\"}", "\"Attributes\":{}"};
        boolean[] expected = {true, false, true, false};
        for (int i = 0; i < attributes.length; i++) {
            KeyPair key = rsa2048();
            String body = """
                    {"certificaterequest":{"type":"pkcs10","data":"%s"},"transportkey":"%s","targetdomain":"c.example",
                     "devicetype":"Linux","osversion":"Debian GNU/Linux 12 (bookworm)","devicedisplayname":"box",
                     "jointype":0,%s}
                    """.formatted(b64(csr(key, null)), b64(blob((RSAPublicKey) key.getPublic())), attributes[i]);
            X509Certificate cert = certificateOf(send(http, post(drs, "2.0", body)
                    .header("Authorization", "Bearer " + drs.issueAccessToken(UPN))
                    .header("Content-Type", "application/json").build()));
            assertEquals(expected[i], drs.devices().get(deviceId(cert)).sharedDevice(), attributes[i]);
        }
    }

    @Test
    void libhimmelblauAsksTheV1TokenEndpointForAServerChallenge(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        JsonNode discovery = json(DrsTestSupport.get(http, drs.baseUrl() + "/" + drs.tenantDomain()
                + "/Discover?api-version=1.9&managed=True"));
        String tokenEndpoint = discovery.at("/AuthenticationService/OAuth2/TokenEndpoint").asText();
        assertEquals(drs.baseUrl() + "/" + drs.tenantId() + "/oauth2/token", tokenEndpoint);
        // request_nonce: the bare form, without a Content-Type
        HttpResponse<String> nonce = send(http, HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("grant_type=srv_challenge"))
                .build());
        assertEquals(200, nonce.statusCode(), nonce.body());
        assertTrue(json(nonce).path("Nonce").asText().length() >= 32, nonce.body());
        // a PRT request with a request JWT without alg: an OAuth error, not a 404; another grant is unsupported
        assertOAuthError(DrsTestSupport.postForm(http, tokenEndpoint, DrsTestSupport.form(
                "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "request", "e30.e30.sig")), 400,
                "invalid_request");
        assertOAuthError(DrsTestSupport.postForm(http, tokenEndpoint, DrsTestSupport.form(
                "grant_type", "password")), 400, "unsupported_grant_type");
        assertOAuthError(DrsTestSupport.postForm(http, drs.baseUrl() + "/nobody.example/oauth2/token",
                DrsTestSupport.form("grant_type", "srv_challenge")), 400, "invalid_request");
    }
}
