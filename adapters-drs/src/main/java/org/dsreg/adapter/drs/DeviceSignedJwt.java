package org.dsreg.adapter.drs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * A first PRT's request: a compact JWS, RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signed by the device key through the
 * key-storage port, so a TPM-held key works as a file key. Header {@code {"alg":"RS256","typ":"JWT","x5c":["<base64
 * DER>"]}}: {@code x5c} as an array of standard base64 DER certificates, as RFC 7515 §4.1.6 defines it and
 * libhimmelblau sends it (ROADtools' string form is also taken by the service: reference §6a).
 */
final class DeviceSignedJwt {
    private DeviceSignedJwt() {
    }

    /** Signs {@code payloadJson} (the exact bytes the payload segment encodes) with the key {@code alias}. */
    static String sign(KeyStorage storage, String alias, byte[] certificateDer, byte[] payloadJson) {
        String signingInput = JoseSegments.B64URL.encodeToString(header(certificateDer)) + "."
                + JoseSegments.B64URL.encodeToString(payloadJson);
        byte[] signature = storage.sign(alias, SignatureScheme.RSA_PKCS1_SHA256,
                signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + JoseSegments.B64URL.encodeToString(signature);
    }

    static byte[] header(byte[] certificateDer) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificateDer)));
        try {
            return JoseSegments.JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JWS header", e);
        }
    }
}
