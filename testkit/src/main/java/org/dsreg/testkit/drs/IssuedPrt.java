package org.dsreg.testkit.drs;

import java.time.Instant;

/**
 * A Primary Refresh Token the emulator issued, as in {@link DrsEmulator#prts()}: one per acquisition (the RS256
 * request signed by the device key); renewals count on the acquisition they renew. Neither the PRT nor its session
 * key is exposed.
 *
 * @param upn      the user the PRT is for
 * @param objectId the user's object id ({@link DrsEmulator#objectId(String)})
 * @param deviceId the device whose key signed the acquisition
 * @param issuedAt when it was acquired
 * @param renewals how many times it (or a renewal of it) was renewed
 */
public record IssuedPrt(String upn, String objectId, String deviceId, Instant issuedAt, int renewals) {
}
