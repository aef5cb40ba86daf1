package org.dsreg.domain;

/**
 * The failure taxonomy behind dsreg's exit codes. The codes are those of Microsoft's Linux
 * {@code dsreg} ("Exit Codes" table) so that scripts written for one work with the other.
 */
public enum ErrorKind {
    /** Invalid command-line arguments or input values. */
    INVALID_ARGUMENTS(1),
    /** Failed to initialize: the broker (or another required service) is not available. */
    NOT_AVAILABLE(2),
    /** A query failed with an error. */
    QUERY_FAILED(3),
    /** The operation needs root (sudo). */
    INSUFFICIENT_PERMISSIONS(4),
    /** No DRS token or device credential is available for the operation. */
    DRS_TOKEN_REQUIRED(5),
    /** The device registration service refused or failed the unregistration. */
    UNREGISTRATION_FAILED(6),
    /** The cleanup operation failed, wholly or in part. */
    CLEANUP_FAILED(7),
    /** The user canceled the cleanup operation. */
    CLEANUP_CANCELED(8);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code documented for this kind of failure. */
    public int exitCode() {
        return exitCode;
    }
}
