package org.dsreg.embed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** dsreg's version, from the build. */
public final class Version {
    public static final String VERSION = read();

    private Version() {
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown below
        }
        return p.getProperty("version", "0.0.0");
    }
}
