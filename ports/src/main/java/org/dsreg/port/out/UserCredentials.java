package org.dsreg.port.out;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.dsreg.domain.TenantDetails;

/** Where the user credential for a first PRT comes from: a device code sign-in, or a refresh token kept in a file. */
public interface UserCredentials {
    /** The client a first PRT is requested with, and the device code sign-in's client (the Microsoft Authentication Broker). */
    String PRT_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";

    /**
     * The OAuth device code flow against the tenant's authority (from its token endpoint) for {@code clientId},
     * asking {@code scope} (which includes {@code offline_access}): the refresh token it gives.
     *
     * @throws org.dsreg.domain.DsregException {@code DRS_TOKEN_REQUIRED} when no refresh token comes
     */
    UserCredential deviceCode(TenantDetails tenant, String clientId, String scope, Consumer<String> prompt);

    /**
     * A refresh token kept in a file (the token alone; surrounding white space ignored). A file readable by group or
     * others is refused, {@code DRS_TOKEN_REQUIRED}: a refresh token is a long-lived credential.
     */
    UserCredential refreshTokenFile(Path file);
}
