package org.dsreg.port.out;

import org.dsreg.domain.Registration;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * The token endpoint's PRT grants (docs/protocol.md "PRT"), at the token endpoint discovery named for the
 * registration's tenant ({@code TenantDetails.accessTokenUrl}), through the proxy settings. Every failure is a
 * {@link TokenServiceException}, or a {@code KeyStorageException} from the storage.
 */
public interface PrtExchange {
    /** The client renewals are made with (ROADtools and libhimmelblau alike). */
    String RENEWAL_CLIENT_ID = "38aa3b87-a06d-4817-b275-7a316988d93b";

    /**
     * A first PRT: a {@code srv_challenge} nonce, a request JWT signed RS256 by the device key through
     * {@code storage} with the device certificate in {@code x5c}, carrying the user's refresh token; the reply's
     * {@code session_key_jwe} decrypted by the transport key through {@code storage}.
     */
    PrtGrant acquire(Registration registration, KeyStorage storage, UserCredential credential);

    /** A renewal of {@code prt}, signed HS256 with a key derived from the session key; the reply decrypted with it. */
    PrtGrant renew(Registration registration, String prt, SessionKey sessionKey);

    /**
     * An access token for {@code clientId} and {@code scope} through the PRT (the request signed with the derived
     * session key; the reply decrypted with it). A scope naming a resource ({@code https://graph.microsoft.com/.default})
     * is sent as that resource on the v1 endpoint.
     */
    PrtAccessToken accessToken(Registration registration, String prt, SessionKey sessionKey, String clientId,
                               String scope);
}
