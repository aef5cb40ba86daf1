/**
 * D-Bus test infrastructure: a private {@code dbus-daemon} ({@link org.dsreg.testkit.dbus.PrivateBus}) and fakes
 * of the services dsreg talks to over D-Bus: the Microsoft identity user broker
 * ({@link org.dsreg.testkit.dbus.FakeBroker}, with reply shapes per {@link org.dsreg.testkit.dbus.BrokerProfile}),
 * the device broker ({@link org.dsreg.testkit.dbus.FakeDeviceBroker}) and systemd's unit queries
 * ({@link org.dsreg.testkit.dbus.FakeSystemd}). {@link org.dsreg.testkit.dbus.FakeBrokerMain} runs a fake broker
 * as a process.
 *
 * <p>Everything runs over unix sockets in a directory the test owns. The fakes use dbus-java 5.1; a few of its
 * behaviours they work around are described on the classes (error names on the wire, automatic introspection,
 * shared connections).
 */
package org.dsreg.testkit.dbus;
