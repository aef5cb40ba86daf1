/**
 * A software TPM for tests: {@link org.dsreg.testkit.tpm.Swtpm} (swtpm as a child process on loopback ports of
 * its own, one per test class) and {@link org.dsreg.testkit.tpm.Tpm2Tools} (tpm2-tools against it, to
 * cross-check what the TPM backend makes with what the real tools make and accept).
 */
package org.dsreg.testkit.tpm;
