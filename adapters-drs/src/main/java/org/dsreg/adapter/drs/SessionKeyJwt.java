package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A request signed with the PRT session key: a compact JWS, HS256 under a key derived from the session key,
 * header {@code {"alg":"HS256","ctx":base64(ctx),"kdf_ver":2,"typ":"JWT"}} ({@code kdf_ver} left out for v1).
 * For v2 the KDF's context hashes the payload bytes themselves, the UTF-8 JSON whose base64url is the payload
 * segment sent, so the caller hands over those bytes and they are signed as given. dsreg sends v2 (docs/protocol.md
 * "PRT session key" says why).
 */
final class SessionKeyJwt {
    /** The length of {@code ctx} dsreg sends with v2, as ROADtools. */
    static final int CTX_BYTES = 24;

    private SessionKeyJwt() {
    }

    /** Signs {@code payloadJson} with KDF v2 and a fresh random {@code ctx}. */
    static String sign(SessionKey sessionKey, byte[] payloadJson, SecureRandom random) {
        byte[] ctx = new byte[CTX_BYTES];
        random.nextBytes(ctx);
        return sign(sessionKey, SessionKeyKdf.Version.V2, ctx, payloadJson);
    }

    /**
     * Signs {@code payloadJson} (the exact bytes the payload segment encodes) under the key derived with
     * {@code version} and {@code ctx}.
     */
    static String sign(SessionKey sessionKey, SessionKeyKdf.Version version, byte[] ctx, byte[] payloadJson) {
        String signingInput = JoseSegments.B64URL.encodeToString(header(version, ctx)) + "."
                + JoseSegments.B64URL.encodeToString(payloadJson);
        byte[] derived = SessionKeyKdf.derive(sessionKey, version, ctx, payloadJson);
        byte[] mac = SessionKey.hmacSha256(derived,
                signingInput.getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(derived, (byte) 0);
        return signingInput + "." + JoseSegments.B64URL.encodeToString(mac);
    }

    /** The protected header's JSON, in the order the public clients write it. */
    static byte[] header(SessionKeyKdf.Version version, byte[] ctx) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("ctx", Base64.getEncoder().encodeToString(ctx));
        if (version == SessionKeyKdf.Version.V2) {
            header.put("kdf_ver", 2);
        }
        header.put("typ", "JWT");
        try {
            return JoseSegments.JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JWS header", e);
        }
    }
}
