package org.dsreg.port.in;

/** {@code dsreg --refreshprt}: a first PRT, or a renewal; any failure leaves the previous PRT as it was. */
public interface RefreshPrtUseCase {
    RefreshPrtResult refresh(RefreshPrtCommand command, JoinDeviceUseCase.DeviceCodePrompt prompt);
}
