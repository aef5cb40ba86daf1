package okhttp3;

/**
 * Stand-in for OkHttp, which is not on this module's test classpath: okhttp 4.x would bring
 * kotlin-stdlib 1.8 and, through okio, 1.9. The rules recognise a library by its package name
 * only, so a class in this package is as good as the real one for the fixtures, and costs no
 * dependency.
 */
public final class FakeCall {
    public String execute() {
        return "";
    }
}
