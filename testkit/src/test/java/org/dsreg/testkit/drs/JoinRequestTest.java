package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.JSON;
import static org.dsreg.testkit.drs.DrsTestSupport.csr;
import static org.dsreg.testkit.drs.DrsTestSupport.rsa2048;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The join body as the emulator reads it: which problem it reports first, and where it finds the CSR leniently. */
class JoinRequestTest {

    /** A body whose members are all present and well typed up to the Attributes (the CSR is not reached). */
    private static ObjectNode bodyWithAttributes(String reuse, String shared, String returnSid) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("CertificateRequest").put("Type", "pkcs10").put("Data", "AAAA");
        body.put("TransportKey", "AAAA").put("TargetDomain", "contoso.example").put("DeviceType", "Linux")
                .put("OSVersion", "Debian GNU/Linux 12 (bookworm)").put("DeviceDisplayName", "box").put("JoinType", 0);
        // the members in the reverse of the order they are checked in
        body.putObject("Attributes").put("ReturnClientSid", returnSid).put("SharedDevice", shared)
                .put("ReuseDevice", reuse);
        return body;
    }

    private static DrsError refusal(ObjectNode body) {
        return assertThrows(DrsError.class, () -> JoinRequest.parse(bytes(body)));
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reportsTheFirstBadFlagInTheOrderReuseDeviceSharedDeviceReturnClientSid() {
        DrsError all = refusal(bodyWithAttributes("maybe", "perhaps", "sometimes"));
        assertEquals(400, all.status());
        assertEquals(DrsError.INVALID_PARAMETER, all.errorType());
        assertEquals("Attributes.ReuseDevice must be true or false (a JSON boolean or string), was \"maybe\"",
                all.getMessage());
        assertEquals("Attributes.SharedDevice must be true or false (a JSON boolean or string), was \"perhaps\"",
                refusal(bodyWithAttributes("true", "perhaps", "sometimes")).getMessage());
        assertEquals("Attributes.ReturnClientSid must be true or false (a JSON boolean or string), was \"sometimes\"",
                refusal(bodyWithAttributes("true", "false", "sometimes")).getMessage());
    }

    @Test
    void lenientPublicKeyFindsTheCsrUnderMemberNamesOfAnyCase() throws Exception {
        KeyPair key = rsa2048();
        String data = Base64.getEncoder().encodeToString(csr(key, null));
        RSAPublicKey expected = (RSAPublicKey) key.getPublic();
        for (String[] names : new String[][] {{"CertificateRequest", "Data"}, {"certificaterequest", "data"},
                {"CERTIFICATEREQUEST", "dAtA"}}) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject(names[0]).put("Type", "pkcs10").put(names[1], data);
            RSAPublicKey found = JoinRequest.lenientPublicKey(bytes(body));
            assertEquals(expected.getModulus(), found == null ? null : found.getModulus(), String.join(".", names));
        }
    }

    @Test
    void lenientPublicKeyIsNullWithoutAParseableCsr() throws Exception {
        String data = Base64.getEncoder().encodeToString(csr(rsa2048(), null));
        ObjectNode twice = JSON.createObjectNode();
        twice.putObject("CertificateRequest").put("Data", data);
        twice.putObject("certificateRequest").put("Data", data);
        assertNull(JoinRequest.lenientPublicKey(bytes(twice)));
        ObjectNode noData = JSON.createObjectNode();
        noData.putObject("CertificateRequest").put("Type", "pkcs10");
        assertNull(JoinRequest.lenientPublicKey(bytes(noData)));
        ObjectNode notACsr = JSON.createObjectNode();
        notACsr.putObject("CertificateRequest").put("Data", "AAAA");
        assertNull(JoinRequest.lenientPublicKey(bytes(notACsr)));
        assertNull(JoinRequest.lenientPublicKey("[]".getBytes(StandardCharsets.UTF_8)));
        assertNull(JoinRequest.lenientPublicKey("not json".getBytes(StandardCharsets.UTF_8)));
        assertNull(JoinRequest.lenientPublicKey(new byte[0]));
    }
}
