package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer give the trees and the text databind's mapper gives. */
class BrokerJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> CORPUS = List.of(
            "{}", "[]", "\"text\"", "0", "-1", "2147483648", "-9223372036854775809", "99999999999999999999999",
            "1.5", "-0.0", "1e300", "3.141592653589793", "true", "false", "null",
            "{\"a\":1,\"b\":[true,false,null,\"x\\u00e9\\n\\\"\"],\"c\":{\"d\":{\"e\":[[],[{}]]}},\"f\":1.25E-7}",
            "{\"dup\":1,\"dup\":\"last\"}",
            "{\"accounts\":[{\"homeAccountId\":\"h.t\",\"username\":\"u@x\",\"realm\":\"t\",\"idTokenClaims\":{\"exp\":1700000000}}]}",
            "{\"a\":1} trailing", "  {\"spaced\" : [ 1 , 2 ] }  ");

    @Test
    void readsWhatTheMapperReads() throws Exception {
        for (String json : CORPUS) {
            JsonNode expected = MAPPER.readTree(json);
            JsonNode parsed = BrokerJson.parse(json);
            assertEquals(expected, parsed, json);
            assertEquals(expected.getNodeType(), parsed.getNodeType(), json);
        }
    }

    @Test
    void writesWhatToStringWrites() throws Exception {
        for (String json : CORPUS) {
            JsonNode tree = MAPPER.readTree(json);
            assertEquals(tree.toString(), BrokerJson.write(tree), json);
        }
        var request = BrokerJson.NODES.objectNode().put("clientId", "c").put("flag", false).put("n", 8);
        request.putArray("requestedScopes").add("openid").add("x y/\u00e9");
        assertEquals(request.toString(), BrokerJson.write(request));
    }

    @Test
    void nothingIsNoValueAndGarbageIsNotJson() throws Exception {
        assertNull(BrokerJson.parse(""));
        assertNull(BrokerJson.parse("   "));
        for (String bad : List.of("{", "{\"a\":}", "[1,", "nul", "{\"a\" 1}", "'single'")) {
            assertThrows(JsonProcessingException.class, () -> BrokerJson.parse(bad), bad);
            assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(bad), bad);
        }
    }
}
