package org.dsreg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;

/**
 * The status document written as it is built, by jackson-core's streaming generator with the pretty printer
 * Jackson's {@code INDENT_OUTPUT} uses: the bytes a mapper would write for the same tree, without starting
 * jackson-databind. Members come out in the order they are written. Into a string, so the {@link IOException}s its
 * generator declares do not happen.
 */
final class JsonWriter {
    private final StringWriter text = new StringWriter();
    private final JsonGenerator g;

    JsonWriter() throws IOException {
        g = new JsonFactory().createGenerator(text).useDefaultPrettyPrinter();
    }

    /** Opens an object: the document, or an element of the array open. */
    JsonWriter object() throws IOException {
        g.writeStartObject();
        return this;
    }

    /** Opens the object member {@code name}. */
    JsonWriter object(String name) throws IOException {
        g.writeObjectFieldStart(name);
        return this;
    }

    JsonWriter array(String name) throws IOException {
        g.writeArrayFieldStart(name);
        return this;
    }

    JsonWriter endObject() throws IOException {
        g.writeEndObject();
        return this;
    }

    JsonWriter endArray() throws IOException {
        g.writeEndArray();
        return this;
    }

    /** A string element of the array open. */
    JsonWriter value(String value) throws IOException {
        g.writeString(value);
        return this;
    }

    /** A string member; {@code null} as JSON null. */
    JsonWriter put(String name, String value) throws IOException {
        g.writeStringField(name, value);
        return this;
    }

    JsonWriter put(String name, boolean value) throws IOException {
        g.writeBooleanField(name, value);
        return this;
    }

    JsonWriter put(String name, long value) throws IOException {
        g.writeNumberField(name, value);
        return this;
    }

    JsonWriter putNull(String name) throws IOException {
        g.writeNullField(name);
        return this;
    }

    /** The value, or JSON null when there is none. */
    JsonWriter putOptional(String name, Optional<String> value) throws IOException {
        return put(name, value.orElse(null));
    }

    /** The document, once its objects are closed. */
    String text() throws IOException {
        g.flush();
        return text.toString();
    }
}
