package org.dsreg.testkit.drs;

/** The state of one device code of the device authorization grant; guarded by the emulator's lock. */
final class PendingDeviceCode {
    final String clientId;
    final String scope;
    final long expiresAtNanos;
    long lastPollNanos;
    long intervalNanos;
    int polls;
    boolean redeemed;
    String terminalError;

    PendingDeviceCode(String clientId, String scope, long now, long lifetimeNanos, long intervalNanos) {
        this.clientId = clientId;
        this.scope = scope;
        this.expiresAtNanos = now + lifetimeNanos;
        this.lastPollNanos = now;
        this.intervalNanos = intervalNanos;
    }
}
