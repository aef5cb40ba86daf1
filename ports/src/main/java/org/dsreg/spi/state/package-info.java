/**
 * dsreg's state tree, reached without following links and with owners and modes checked: the one way dsreg
 * and every key-storage backend read and write the state directory. Part of the SPI because a backend is
 * handed its directory as a {@link org.dsreg.spi.state.StateDirectory}; dsreg's own adapters use it too.
 */
package org.dsreg.spi.state;
