package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The join body as the emulator reads it: which problem it reports first. */
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
}
