package org.dsreg.port.out;

/** A key storage could not do what was asked; the message is fit for the user and holds no key material. */
public class KeyStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyStorageException(String message) {
        super(message);
    }

    public KeyStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
