package org.dsreg.port.out;

/**
 * The device broker ({@code com.microsoft.identity.devicebroker1} on the system bus). Its
 * interface is not documented: every call is optional, answers within the deadline or throws
 * {@link BrokerException}.
 */
public interface DeviceBroker {
    /** The device broker's version; throws when it is not on the bus or does not say. */
    String version();
}
