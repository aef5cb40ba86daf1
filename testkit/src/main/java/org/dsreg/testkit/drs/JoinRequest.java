package org.dsreg.testkit.drs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A join request body (MS-DRS 2.1.1.1.1) read as the service, a .NET JSON endpoint, reads it: member names compare
 * without regard to case (ROADtools sends {@code attributes}), unknown members are ignored (ROADtools sends
 * {@code attributes.MSA-DDID}), and the Attributes flags are booleans or the strings {@code "true"}/{@code "false"}
 * in any case (every public client sends strings). The known members keep their JSON types, and the CSR and the
 * TransportKey blob are checked strictly ({@link JoinCsr}, {@link TransportKeyCheck}).
 *
 * @param publicKey    the CSR's RSA public key
 * @param nonce        the nonce carried in the CSR's nonce extension, or {@code null}
 * @param transportKey the decoded BCRYPT_RSAKEY_BLOB
 * @param targetDomain TargetDomain
 * @param deviceType   DeviceType
 * @param osVersion    OSVersion
 * @param displayName  DeviceDisplayName
 * @param joinType     JoinType
 * @param sharedDevice Attributes.SharedDevice (false when absent)
 */
record JoinRequest(RSAPublicKey publicKey, String nonce, byte[] transportKey, String targetDomain,
                   String deviceType, String osVersion, String displayName, int joinType, boolean sharedDevice) {

    private static final Set<Integer> JOIN_TYPES = Set.of(0, 4, 6, 8);
    /** The Attributes flags, checked in this order (a list: the first problem reported is the same every run). */
    private static final List<String> FLAGS = List.of("ReuseDevice", "SharedDevice", "ReturnClientSid");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses and validates a join request body.
     *
     * @param body the request body
     * @return the validated request
     * @throws DrsError a 400 naming the first problem found
     */
    static JoinRequest parse(byte[] body) throws DrsError {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body is not valid JSON: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body cannot be read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body must be a JSON object");
        }
        Members root = Members.of(tree, "");

        JsonNode certificateRequest = required(root, "CertificateRequest");
        if (!certificateRequest.isObject()) {
            throw type("CertificateRequest", "an object", certificateRequest);
        }
        Members csrMembers = Members.of(certificateRequest, "CertificateRequest.");
        String csrType = string(csrMembers, "Type");
        if (!"pkcs10".equals(csrType)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "CertificateRequest.Type must be \"pkcs10\", was \"" + csrType + "\"");
        }
        byte[] csrDer = base64(string(csrMembers, "Data"), "CertificateRequest.Data");
        byte[] transportKey = base64(string(root, "TransportKey"), "TransportKey");
        String targetDomain = string(root, "TargetDomain");
        String deviceType = string(root, "DeviceType");
        String osVersion = string(root, "OSVersion");
        String displayName = string(root, "DeviceDisplayName");
        JsonNode joinTypeNode = required(root, "JoinType");
        if (!joinTypeNode.isIntegralNumber() || !joinTypeNode.canConvertToInt()) {
            throw type("JoinType", "an integer number", joinTypeNode);
        }
        int joinType = joinTypeNode.intValue();
        if (!JOIN_TYPES.contains(joinType)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "JoinType must be 0, 4, 6 or 8, was " + joinType);
        }
        for (String optional : new String[] {"AikCertificate", "AttestationData"}) {
            JsonNode n = root.get(optional);
            if (n != null && !n.isNull() && !n.isTextual()) {
                throw type(optional, "a string", n);
            }
        }
        boolean shared = false;
        JsonNode attributes = root.get("Attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw type("Attributes", "an object", attributes);
            }
            Members flags = Members.of(attributes, "Attributes.");
            for (String flag : FLAGS) {
                Boolean value = flag(flags, flag);
                if (flag.equals("SharedDevice") && value != null) {
                    shared = value;
                }
            }
        }
        if (root.get("PreAuthorizedJoinChallenge") != null) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, "PreAuthorizedJoinChallenge must be sent to the"
                    + " PrecreateEndpoint, which this emulator does not implement");
        }

        JoinCsr csr = JoinCsr.parse(csrDer);
        TransportKeyCheck.check(transportKey);
        return new JoinRequest(csr.key(), csr.nonce(), transportKey, targetDomain, deviceType, osVersion, displayName,
                joinType, shared);
    }

    /**
     * The CSR's public key if the body holds a parseable CSR at {@code CertificateRequest.Data} (member names without
     * regard to case, as {@link #parse} reads them), else {@code null}; no other validation.
     */
    static RSAPublicKey lenientPublicKey(byte[] body) {
        try {
            JsonNode certificateRequest = Members.of(new ObjectMapper().readTree(body), "").get("CertificateRequest");
            JsonNode data = Members.of(certificateRequest, "CertificateRequest.").get("Data");
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getDecoder().decode(data.asText()));
            return JoinCsr.rsaKey(csr);
        } catch (DrsError | IOException | RuntimeException | GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * The members of one JSON object by name without regard to case, as a .NET service binds them. Two members whose
     * names differ only in case are refused: which one the service would take is not known.
     */
    private record Members(Map<String, JsonNode> byLowerName, String prefix) {
        static Members of(JsonNode object, String prefix) throws DrsError {
            Map<String, JsonNode> members = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (members.put(member.getKey().toLowerCase(Locale.ROOT), member.getValue()) != null) {
                    throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the member " + prefix + member.getKey()
                            + " appears twice (member names compare without regard to case)");
                }
            }
            return new Members(members, prefix);
        }

        JsonNode get(String name) {
            return byLowerName.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A flag: a JSON boolean, or a string that .NET's bool parsing takes (true/false, any case, blanks around). */
    private static Boolean flag(Members attributes, String name) throws DrsError {
        JsonNode n = attributes.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String text = n.isTextual() ? n.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw DrsError.badRequest(DrsError.INVALID_PARAMETER, attributes.prefix() + name
                + " must be true or false (a JSON boolean or string), was " + n);
    }

    private static JsonNode required(Members object, String name) throws DrsError {
        JsonNode n = object.get(name);
        if (n == null || n.isNull()) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, object.prefix() + name + " is required");
        }
        return n;
    }

    private static String string(Members object, String name) throws DrsError {
        JsonNode n = required(object, name);
        String path = object.prefix() + name;
        if (!n.isTextual()) {
            throw type(path, "a string", n);
        }
        if (n.asText().isBlank()) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, path + " must not be empty");
        }
        return n.asText();
    }

    private static byte[] base64(String value, String path) throws DrsError {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    path + " is not standard base64 (RFC 4648 section 4, no line breaks): " + e.getMessage());
        }
    }

    private static DrsError type(String path, String expected, JsonNode actual) {
        return DrsError.badRequest(DrsError.INVALID_PARAMETER,
                path + " must be " + expected + ", was JSON " + actual.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
