package org.dsreg.port.out;

import java.util.List;
import java.util.Objects;

/** What a silent token request asks for: the client, its redirect URI, the authority and the scopes. */
public record TokenRequest(String clientId, String redirectUri, String authority, List<String> scopes) {
    public TokenRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(authority, "authority");
        scopes = List.copyOf(scopes);
    }
}
