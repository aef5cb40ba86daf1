package org.dsreg.spi.keystorage;

import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * A key storage could not do what was asked. The message is fit for the user and holds no key
 * material; on its own it ends a command with exit code 3.
 */
public class KeyStorageException extends DsregException {
    private static final long serialVersionUID = 1L;

    public KeyStorageException(String message) {
        super(ErrorKind.QUERY_FAILED, message);
    }

    public KeyStorageException(String message, Throwable cause) {
        super(ErrorKind.QUERY_FAILED, message, cause);
    }
}
