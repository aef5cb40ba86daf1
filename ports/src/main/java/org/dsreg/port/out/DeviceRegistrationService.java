package org.dsreg.port.out;

import java.security.PublicKey;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * The Microsoft Device Registration Service (MS-DRS) over HTTPS. Failures are
 * {@link DrsException}s that keep the service's ErrorType, Message and TraceId.
 */
public interface DeviceRegistrationService {
    /** Discovery for a tenant id or a verified domain name. */
    Discovery discover(String tenantIdOrDomain);

    /**
     * A nonce from the nonce service, when discovery offers one, asked with the DRS access token
     * ({@code Authorization: Bearer}), as libhimmelblau asks for it.
     */
    Optional<String> nonce(Discovery discovery, AccessToken token);

    /**
     * A PKCS#10 request (DER) for the device key, signed through the key storage, with subject
     * {@code CN=7E980AD9-B86D-4306-9425-9AC066FB014A} and the nonce extension when given.
     */
    byte[] certificateRequest(KeyStorage storage, String alias, PublicKey publicKey, Optional<String> nonce);

    /** Creates the device object. The reply is not yet verified. */
    JoinReply join(Discovery discovery, AccessToken token, JoinRequest request);

    /**
     * Deletes the device object, authenticated by TLS with the device certificate; the key's
     * private operations go through the key storage. Before any request, the key is checked to be
     * the certificate's.
     *
     * @throws DeviceNotFoundException when DRS, having seen the device certificate in the TLS
     *                                 handshake, says it has no such device
     * @throws DrsException            when DRS refuses or fails the delete, or cannot be asked
     */
    void delete(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate, KeyStorage storage,
                String alias);

    /**
     * Whether the device still exists and is enabled at DRS: a GET of its object, authenticated
     * like {@link #delete}. Returns normally when it does.
     *
     * @throws DrsException with the HTTP status when DRS says no (404: deleted or disabled), or
     *                      when it cannot be asked
     */
    void checkDevice(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate, KeyStorage storage,
                     String alias);

    /**
     * The device object as DRS describes it to the device itself: the GET of {@link #checkDevice}, its answer read.
     * A fake that does not model the answer keeps this default (nothing said of either).
     *
     * @throws DeviceNotFoundException when DRS, having seen the device certificate, has no such device
     * @throws DrsException            when DRS refuses or cannot be asked
     */
    default DeviceObject readDevice(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate,
                                    KeyStorage storage, String alias) {
        checkDevice(joinService, device, certificate, storage, alias);
        return new DeviceObject(Optional.empty(), Optional.empty());
    }

    /**
     * What DRS says of a device: whether it is enabled ({@code Enabled}; an administrator disables it in the Entra
     * admin center), empty when the answer does not say, and its display name ({@code DisplayName}).
     */
    record DeviceObject(Optional<Boolean> enabled, Optional<String> displayName) {
        public DeviceObject {
            java.util.Objects.requireNonNull(enabled, "enabled");
            java.util.Objects.requireNonNull(displayName, "displayName");
        }

        /** DRS said the device is disabled; an answer that does not say is not read as either. */
        public boolean disabled() {
            return enabled.equals(Optional.of(false));
        }
    }

    /** Connectivity: any HTTP answer from the URL, with the server's clock (its Date header). */
    Probe probe(String url);

    /** What a connectivity probe found. */
    record Probe(int httpStatus, java.util.Optional<java.time.Instant> serverDate) {
    }
}
