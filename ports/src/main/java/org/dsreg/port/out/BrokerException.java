package org.dsreg.port.out;

import java.util.Optional;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * A broker call that did not succeed: the broker could not be reached (kind
 * {@link ErrorKind#NOT_AVAILABLE}), or it answered with an error reply (kind
 * {@link ErrorKind#QUERY_FAILED}, with the broker's error kept), or it does not answer this call
 * at all (kind {@link ErrorKind#QUERY_FAILED}).
 */
public class BrokerException extends DsregException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** Nobody answered: the broker is not running, or went away. */
        UNREACHABLE,
        /** No answer before the deadline. */
        TIMEOUT,
        /** The broker answered with its own error. */
        ERROR_REPLY,
        /** The broker answered something that cannot be read. */
        MALFORMED_REPLY,
        /**
         * The broker is there but does not answer this call: it has no such method or interface,
         * or the bus's policy does not let us call it (UnknownMethod, UnknownInterface, AccessDenied).
         */
        NOT_SUPPORTED,
        /**
         * There is no bus to ask on: no session bus address and no {@code $XDG_RUNTIME_DIR/bus}
         * (a root shell without a login session), or the bus's socket does not exist.
         */
        NO_BUS
    }

    private final Reason reason;
    private final transient BrokerError error;

    private BrokerException(ErrorKind kind, Reason reason, String message, BrokerError error, Throwable cause) {
        super(kind, message, null, cause);
        this.reason = reason;
        this.error = error;
    }

    public static BrokerException unreachable(String message, Throwable cause) {
        return new BrokerException(ErrorKind.NOT_AVAILABLE, Reason.UNREACHABLE, message, null, cause);
    }

    public static BrokerException timeout(String message) {
        return new BrokerException(ErrorKind.NOT_AVAILABLE, Reason.TIMEOUT, message, null, null);
    }

    public static BrokerException errorReply(String method, BrokerError error) {
        return new BrokerException(ErrorKind.QUERY_FAILED, Reason.ERROR_REPLY,
                "the identity broker refused " + method + ": " + error.summary(), error, null);
    }

    public static BrokerException malformed(String message, Throwable cause) {
        return new BrokerException(ErrorKind.QUERY_FAILED, Reason.MALFORMED_REPLY, message, null, cause);
    }

    public static BrokerException noBus(String message) {
        return new BrokerException(ErrorKind.NOT_AVAILABLE, Reason.NO_BUS, message, null, null);
    }

    public static BrokerException notSupported(String message, Throwable cause) {
        return new BrokerException(ErrorKind.QUERY_FAILED, Reason.NOT_SUPPORTED, message, null, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The broker's own error, for an error reply. */
    public Optional<BrokerError> error() {
        return Optional.ofNullable(error);
    }
}
