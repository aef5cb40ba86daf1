/**
 * The {@code tpm} key-storage backend: {@link org.dsreg.adapter.tpm.TpmKeyStorageProvider}.
 *
 * <p>A JNA binding over the system's tpm2-tss ({@code libtss2-tctildr.so.0}, {@code libtss2-esys.so.0},
 * {@code libtss2-mu.so.0}, optionally {@code libtss2-rc.so.0}) that maps no C struct: TPM wire-format bytes
 * are built and parsed in Java ({@code Structures}, {@code Wire}) and converted by {@code Tss2_MU_*}. One ESYS
 * context per TCTI per process ({@code TpmContext}), behind one lock. The SRK is the default primary key of
 * {@code tpm2_createprimary -C o}, derived once per process; keys are RSA-2048 with sign and decrypt, created
 * under it, stored as tpm2-tools {@code .pub}/{@code .priv} files ({@code KeyFiles}) and loaded for each use.
 */
package org.dsreg.adapter.tpm;
