package okio;

/**
 * Stand-in for okio, which comes with OkHttp and is not on this module's test classpath. The
 * rules recognise a library by its package name only, so a class in this package is as good as
 * the real one for the fixtures, and costs no dependency.
 */
public final class FakeBuffer {
    public byte[] readByteArray() {
        return new byte[0];
    }
}
