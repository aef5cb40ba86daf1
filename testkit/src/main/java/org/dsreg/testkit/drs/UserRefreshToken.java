package org.dsreg.testkit.drs;

/**
 * A user refresh token the emulator issued: to whom, and to which client (only that client may redeem it).
 *
 * @param upn      the user principal name
 * @param clientId the client it was issued to
 */
record UserRefreshToken(String upn, String clientId) {
}
