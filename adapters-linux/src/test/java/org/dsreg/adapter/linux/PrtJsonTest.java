package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dsreg.domain.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a PRT file or a last attempt does not read, with the reason given, which never quotes a secret. */
class PrtJsonTest {
    static final TenantId TENANT = FilePrtStoreTest.TENANT;
    static final String ALICE = FilePrtStoreTest.ALICE;

    static ObjectNode good() throws Exception {
        return (ObjectNode) StrictJson.mapper().readTree(PrtJson.write(FilePrtStoreTest.alice()));
    }

    static ObjectNode goodAttempt() throws Exception {
        return (ObjectNode) StrictJson.mapper().readTree(PrtJson.write(TENANT, FilePrtStoreTest.refused()));
    }

    static Arguments bad(String reason, Consumer<ObjectNode> change) {
        return Arguments.of(reason, change);
    }

    static Stream<Arguments> prtFiles() {
        return Stream.of(
                bad("field 'upn' is missing", n -> n.remove("upn")),
                bad("field 'expiresOn' is missing", n -> n.remove("expiresOn")),
                bad("unknown field 'extra'", n -> n.put("extra", 1)),
                bad("an unknown field", n -> n.put(FilePrtStoreTest.SECRET + ".x", 1)),
                bad("format version 2 is not supported by this dsreg (it reads version 1)",
                        n -> n.put("formatVersion", 2).put("extra", 1)),
                bad("field 'formatVersion' is missing or not a number", n -> n.remove("formatVersion")),
                bad("KDF version 3 is neither 1 nor 2", n -> n.put("kdfVersion", 3)),
                bad("field 'kdfVersion' is not a whole number", n -> n.put("kdfVersion", "2")),
                bad("field 'cachedAt' is not an ISO-8601 instant", n -> n.put("cachedAt", "yesterday")),
                bad("field 'cachedAt' is null", n -> n.putNull("cachedAt")),
                bad("field 'upn' is not a string", n -> n.put("upn", 7)),
                bad("field 'objectId' is not the object id the file is named for",
                        n -> n.put("objectId", FilePrtStoreTest.BOB)),
                bad("field 'tenantId' is not the tenant of the directory the file is in (" + TENANT + ")",
                        n -> n.put("tenantId", "00000000-0000-0000-0000-000000000001")),
                bad("field 'prt' is empty", n -> n.put("prt", "")),
                bad("field 'sessionKey' is not an object", n -> n.put("sessionKey", "x")),
                bad("field 'sessionKey.inline' is not base64",
                        n -> n.putObject("sessionKey").put("inline", FilePrtStoreTest.SECRET + "!")),
                bad("field 'sessionKey.inline' is empty", n -> n.putObject("sessionKey").put("inline", "")),
                bad("unknown field 'sessionKey.storage'",
                        n -> ((ObjectNode) n.get("sessionKey")).put("storage", "tpm")),
                bad("field 'sessionKey.alias' is missing", n -> n.putObject("sessionKey").put("storage", "tpm")),
                bad("unknown field 'sessionKey.kind'", n -> n.putObject("sessionKey").put("storage", "tpm")
                        .put("alias", "a").put("kind", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prtFiles")
    void aPrtFileThatDoesNotReadSaysWhy(String reason, Consumer<ObjectNode> change) throws Exception {
        assertReason(reason, good(), change, bytes -> PrtJson.read(bytes, TENANT, ALICE));
    }

    /** {@code file} changed does not read, for {@code reason}. */
    static void assertReason(String reason, ObjectNode file, Consumer<ObjectNode> change,
                             java.util.function.Function<byte[], ?> read) throws Exception {
        change.accept(file);
        byte[] bytes = StrictJson.mapper().writeValueAsBytes(file);
        assertEquals(reason, assertThrows(StrictJson.Corrupt.class, () -> read.apply(bytes)).getMessage());
    }

    @Test
    void textThatIsNoSingleJsonObjectSaysWhereItBrokeAndQuotesNothing() throws Exception {
        String json = new String(StrictJson.mapper().writeValueAsBytes(good()), StandardCharsets.UTF_8);
        assertEquals("not a JSON object", reason("[]"));
        assertEquals("not a JSON object", reason(""));
        String where = "not valid JSON \\(line 1, column \\d+\\)";
        assertTrue(reason("{\"prt\": \"x\", \"prt\": \"y\"}").matches(where), "a key twice");
        assertTrue(reason("{} " + FilePrtStoreTest.SECRET).matches(where), "something after the object");
        assertTrue(reason("{\"prt\": " + FilePrtStoreTest.SECRET).matches(where), "a token that is not JSON");
        assertTrue(reason(json.substring(0, json.indexOf(FilePrtStoreTest.SECRET) + 4))
                .matches("not valid JSON \\(line \\d+, column \\d+\\)"), "a file cut in the middle of its PRT");
    }

    private static String reason(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return assertThrows(StrictJson.Corrupt.class, () -> PrtJson.read(bytes, TENANT, ALICE)).getMessage();
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                bad("field 'endpoint' is missing", n -> n.remove("endpoint")),
                bad("field 'endpoint' is null", n -> n.putNull("endpoint")),
                bad("field 'httpStatus' is not a whole number", n -> n.put("httpStatus", "400")),
                bad("field 'succeeded' is not true or false", n -> n.put("succeeded", "yes")),
                bad("field 'kind' 'renew' is neither ACQUIRE nor RENEW", n -> n.put("kind", "renew")),
                bad("unknown field 'prt'", n -> n.put("prt", "x")),
                bad("field 'tenantId' is not the tenant of the directory the file is in (" + TENANT + ")",
                        n -> n.put("tenantId", ALICE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void aLastAttemptThatDoesNotReadSaysWhy(String reason, Consumer<ObjectNode> change) throws Exception {
        assertReason(reason, goodAttempt(), change, bytes -> PrtJson.readAttempt(bytes, TENANT));
    }

    @Test
    void theFilesReadBackAsWritten() throws Exception {
        assertEquals(FilePrtStoreTest.alice(), PrtJson.read(StrictJson.mapper().writeValueAsBytes(good()), TENANT,
                ALICE));
        assertEquals(FilePrtStoreTest.refused(), PrtJson.readAttempt(StrictJson.mapper().writeValueAsBytes(
                goodAttempt()), TENANT));
    }
}
