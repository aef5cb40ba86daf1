package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The status JSON's {@code schemaVersion} and the schema file move together: an addition bumps the minor version,
 * a removal or rename the major (README, "JSON"). The version dsreg writes is the one the schema file says it
 * describes; the schema's {@code $id} and its {@code schemaVersion} pattern carry the same major; README names it.
 */
class SchemaVersionTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void schemaFileDescribesTheVersionDsregWrites() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(StatusCommandTest.SCHEMA.toFile());
        Matcher described = Pattern.compile("This file describes schemaVersion (\\d+)\\.(\\d+)\\.")
                .matcher(schema.get("description").asText());
        assertTrue(described.find(), "the schema's description names no schemaVersion");
        String major = described.group(1);
        assertEquals(described.group(1) + "." + described.group(2), JsonRenderer.SCHEMA_VERSION,
                "dsreg writes another schemaVersion than docs/status.schema.json describes");
        assertEquals("urn:dsreg:status:" + major, schema.get("$id").asText(), "the schema's $id names another major");
        String pattern = schema.path("properties").path("schemaVersion").path("pattern").asText();
        assertEquals("^" + major + "\\.[0-9]+$", pattern, "the schemaVersion pattern allows another major");
        assertTrue(Pattern.matches(pattern, JsonRenderer.SCHEMA_VERSION));
    }

    @Test
    void readmeNamesTheVersionAndTheRule() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertTrue(readme.contains("\"schemaVersion\": \"" + JsonRenderer.SCHEMA_VERSION + "\""),
                "README does not name schemaVersion " + JsonRenderer.SCHEMA_VERSION);
        assertTrue(readme.contains("A minor version adds fields; a major version is an incompatible change"),
                "README does not state the versioning rule");
    }
}
