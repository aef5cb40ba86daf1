/**
 * The token service's side of the PRT session-key cryptography, for the DRS emulator and for tests: test
 * support, never used by dsreg itself. It is written apart from the client's ({@code adapters-drs}
 * {@code SessionKeyKdf}, {@code SessionKeyJwt}, {@code SessionKeyJwe}), with another library where one exists
 * (BouncyCastle's SP 800-108 counter-mode generator for the KDF), so that a test pairing the two cross-checks them:
 * {@link org.dsreg.testkit.prt.ServiceKdf} derives keys, {@link org.dsreg.testkit.prt.SessionKeyJwtVerifier}
 * verifies session-key-signed requests (KDF v1 and v2), {@link org.dsreg.testkit.prt.SessionKeyJweWriter} writes
 * the {@code session_key_jwe} and the encrypted replies (AES-GCM and AES-CBC forms). The wire forms are those of
 * {@code docs/protocol.md}, "PRT session key".
 */
package org.dsreg.testkit.prt;
