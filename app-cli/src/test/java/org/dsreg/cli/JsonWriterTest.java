package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status JSON, written by the streaming generator, has the bytes Jackson's mapper writes with
 * {@code INDENT_OUTPUT} for the same tree (as the status was written before): spacing, empty objects and arrays,
 * nulls, numbers, escapes.
 */
class JsonWriterTest {
    final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    private String asTheMapperWritesIt(String json) throws Exception {
        return mapper.writeValueAsString(mapper.readTree(json));
    }

    @Test
    void everyKindOfValueIsWrittenAsTheMapperWritesIt() throws Exception {
        JsonWriter w = new JsonWriter().object();
        w.put("text", "a \"quoted\" \\ line\nand\ttab \u0001 é €").put("none", (String) null).put("yes", true)
                .put("no", false).put("big", Long.MAX_VALUE).put("negative", -42).putNull("nothing")
                .putOptional("absent", Optional.empty()).putOptional("present", Optional.of("x"));
        w.object("empty").endObject().array("emptyList").endArray();
        w.array("list").object().put("a", 1).object("inner").put("b", "c").endObject().endObject().object().endObject()
                .endArray();
        String text = w.endObject().text();
        assertEquals(asTheMapperWritesIt(text), text);
        assertTrue(text.contains("\"empty\" : { }") && text.contains("\"emptyList\" : [ ]"), text);
    }

    @Test
    void aStatusWithARegistrationIsWrittenAsTheMapperWritesIt() throws Exception {
        StatusFixture fx = new StatusFixture(dir);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fx.join(UUID.randomUUID(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        String out = fx.run("--status", "--json").out();
        assertTrue(out.contains("\"registrations\" : [ {"), out);
        assertEquals(asTheMapperWritesIt(out) + System.lineSeparator(), out);
    }
}
