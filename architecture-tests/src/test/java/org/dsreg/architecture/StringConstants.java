package org.dsreg.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The string constants of a class file, read from its constant pool (JVMS 4.4): every
 * {@code CONSTANT_String}, which covers string literals, {@code static final} string values and
 * the constant parts of a string concatenation ({@code javac} puts them in the recipe of
 * {@code makeConcatWithConstants}, itself a string constant). Comments and Javadoc are not there.
 */
final class StringConstants {
    private static final int UTF8 = 1;
    private static final int STRING = 8;

    private StringConstants() {
    }

    static List<String> of(InputStream classFile) {
        try (DataInputStream in = new DataInputStream(classFile)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case UTF8 -> utf8[i] = in.readUTF();
                    case STRING -> strings.add(in.readUnsignedShort());
                    case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
                    case 15 -> in.skipBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // Integer … InvokeDynamic
                    case 5, 6 -> { // Long, Double take two slots
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            return strings.stream().map(index -> utf8[index]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
