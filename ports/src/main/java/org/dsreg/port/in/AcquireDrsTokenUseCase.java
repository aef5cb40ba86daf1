package org.dsreg.port.in;

import org.dsreg.domain.AccessToken;

/** {@code dsreg --getdrstoken}: a Device Registration Service access token from the broker. */
public interface AcquireDrsTokenUseCase {
    /** Client and resource of a DRS token. */
    String DRS_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    String DRS_RESOURCE = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9";
    String DRS_SCOPE = DRS_RESOURCE + "/.default";
    /** The {@code aud} of a DRS token. */
    String DRS_AUDIENCE = "urn:ms-drs:enterpriseregistration.windows.net";

    AccessToken acquireDrsToken(AcquireDrsTokenCommand command);
}
