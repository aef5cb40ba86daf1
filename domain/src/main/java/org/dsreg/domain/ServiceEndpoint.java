package org.dsreg.domain;

import java.util.Objects;

/** One DRS service endpoint as discovery returns it (JoinSrv, KeySrv, WebAuthNSrv, ...). */
public record ServiceEndpoint(String version, String url, String id) {
    public ServiceEndpoint {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(id, "id");
    }
}
