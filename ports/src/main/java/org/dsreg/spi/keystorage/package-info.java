/**
 * The key-storage SPI: what a backend author implements ({@link org.dsreg.spi.keystorage.KeyStorageProvider},
 * {@link org.dsreg.spi.keystorage.KeyStorage}) and what such a backend is given and may throw. It depends on
 * {@code org.dsreg.domain}, {@code org.dsreg.spi.state} and the JDK only, never on dsreg's internal ports,
 * so that a backend compiled against it keeps working while the core changes (see
 * {@code docs/key-storage-backends.md}).
 */
package org.dsreg.spi.keystorage;
