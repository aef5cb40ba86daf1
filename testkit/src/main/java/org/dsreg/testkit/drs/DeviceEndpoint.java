package org.dsreg.testkit.drs;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpsExchange;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * {@code DELETE} and {@code GET /EnrollmentServer/device/{deviceId}[?api-version=1.0]}, authenticated by TLS with
 * the certificate the emulator issued for that device, and nothing else (ROADtools' delete_device sends no
 * api-version and no header). A delete answers 200 with an empty body: ROADtools reports failure on anything but
 * 200 though the device is gone. The GET answers the device's facts (dsreg's DeviceAuthStatus): {@code DeviceId},
 * {@code DisplayName} and {@code Enabled}, false once an administrator disabled the device ({@link DeviceAdmin});
 * a disabled device still authenticates here (Windows' DeviceAuthStatus reports a disabled device rather than a
 * failed TLS, as dsregcmd /status's "DeviceAuthStatus : FAILED. Device is disabled." reads).
 */
final class DeviceEndpoint {
    private final EmulatorState state;

    DeviceEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String id, EmulatorRequest request) throws DrsError {
        if ("GET".equals(request.method())) {
            RegisteredDevice device;
            boolean enabled;
            synchronized (state.lock) {
                device = authenticatedDevice(id, request);
                enabled = !state.disabled(device.deviceId());
            }
            return new EmulatorResponse(200, state.bytes(Map.of("DeviceId", device.deviceId(), "Enabled", enabled,
                    "DisplayName", device.displayName())));
        }
        synchronized (state.lock) {
            RegisteredDevice device = authenticatedDevice(id, request);
            state.devices.put(device.deviceId(), device.asDeleted());
        }
        return new EmulatorResponse(200, new byte[0]);
    }

    /** The live device whose own certificate authenticated this TLS connection. Call holding the lock. */
    private RegisteredDevice authenticatedDevice(String id, EmulatorRequest request) throws DrsError {
        String version = request.query().get("api-version");
        if (version != null && !version.equals("1.0")) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "api-version must be 1.0 (or absent) for a device delete, was " + version);
        }
        X509Certificate client;
        try {
            Certificate[] peer = ((HttpsExchange) request.exchange()).getSSLSession().getPeerCertificates();
            client = (X509Certificate) peer[0];
        } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new DrsError(401, DrsError.AUTHENTICATION,
                    "a TLS client certificate is required: the device certificate issued at join");
        }
        String deviceId;
        try {
            deviceId = UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new DrsError(404, DrsError.NOT_FOUND, "no device " + id + " (not a GUID)");
        }
        RegisteredDevice device = state.devices.get(deviceId);
        if (device == null || device.deleted()) {
            throw new DrsError(404, DrsError.NOT_FOUND, "no device " + deviceId
                    + (device == null ? "" : " (deleted already)"));
        }
        String cn = commonName(client);
        if (!deviceId.equalsIgnoreCase(cn)) {
            throw new DrsError(403, DrsError.AUTHORIZATION,
                    "the client certificate CN=" + cn + " is not device " + deviceId);
        }
        if (!client.equals(device.certificate())) {
            throw new DrsError(403, DrsError.AUTHORIZATION,
                    "the client certificate is not the certificate issued for device " + deviceId);
        }
        return device;
    }

    private static String commonName(X509Certificate cert) {
        for (RDN rdn : X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN)) {
            return rdn.getFirst().getValue().toString();
        }
        return "";
    }
}
