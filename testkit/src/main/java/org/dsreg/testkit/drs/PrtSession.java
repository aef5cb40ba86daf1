package org.dsreg.testkit.drs;

import java.time.Instant;

/**
 * One PRT acquisition and its renewals: the user, the device, the session key (the same for every renewal, reference
 * §6a) and how often it was renewed; guarded by the emulator's lock. Never printed: no {@code toString} with the key.
 */
final class PrtSession {
    final String upn;
    final String objectId;
    final String deviceId;
    final Instant issuedAt;
    private final byte[] sessionKey;
    int renewals;

    PrtSession(String upn, String objectId, String deviceId, Instant issuedAt, byte[] sessionKey) {
        this.upn = upn;
        this.objectId = objectId;
        this.deviceId = deviceId;
        this.issuedAt = issuedAt;
        this.sessionKey = sessionKey.clone();
    }

    byte[] sessionKey() {
        return sessionKey.clone();
    }

    IssuedPrt snapshot() {
        return new IssuedPrt(upn, objectId, deviceId, issuedAt, renewals);
    }

    @Override
    public String toString() {
        return "PrtSession[" + upn + ", device " + deviceId + ", renewals " + renewals + "]";
    }
}
