package org.dsreg.adapter.tpm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** TPM wire format (big-endian, TPM2B = u16 size + bytes): a writer and a bounds-checked reader. */
final class Wire {
    private Wire() {
    }

    /** The bytes do not hold the structure that was expected. */
    static final class FormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    static Writer writer() {
        return new Writer();
    }

    static Reader reader(byte[] bytes) {
        return new Reader(bytes);
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Writer u16(int v) {
            if ((v & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("not a u16: " + v);
            }
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer u32(long v) {
            if ((v & ~0xFFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("not a u32: " + v);
            }
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Writer bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        /** A TPM2B: the size as u16, then the bytes. */
        Writer tpm2b(byte[] b) {
            return u16(b.length).bytes(b);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final byte[] b;
        private int pos;

        private Reader(byte[] b) {
            this.b = b;
        }

        private void need(int n, String what) {
            if (n < 0 || b.length - pos < n) {
                throw new FormatException("truncated at " + what + " (offset " + pos + ", " + (b.length - pos)
                        + " bytes left, " + n + " needed)");
            }
        }

        int u8(String what) {
            need(1, what);
            return b[pos++] & 0xFF;
        }

        int u16(String what) {
            need(2, what);
            int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32(String what) {
            need(4, what);
            long v = (b[pos] & 0xFFL) << 24 | (b[pos + 1] & 0xFFL) << 16 | (b[pos + 2] & 0xFFL) << 8 | (b[pos + 3] & 0xFFL);
            pos += 4;
            return v;
        }

        byte[] bytes(int n, String what) {
            need(n, what);
            byte[] v = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return v;
        }

        byte[] tpm2b(String what) {
            return bytes(u16(what + " size"), what);
        }

        int position() {
            return pos;
        }

        int remaining() {
            return b.length - pos;
        }

        void end(String what) {
            if (pos != b.length) {
                throw new FormatException(what + " has " + (b.length - pos) + " bytes after its end");
            }
        }
    }
}
