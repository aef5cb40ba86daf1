package org.dsreg.port.in;

import org.dsreg.port.out.PrtAccessToken;

/** {@code dsreg --gettoken}: an access token through dsreg's PRT. */
public interface GetTokenUseCase {
    PrtAccessToken getToken(GetTokenCommand command);
}
