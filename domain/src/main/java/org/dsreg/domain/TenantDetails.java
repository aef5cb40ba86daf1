package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What DRS discovery said of a tenant at join time: the "Tenant Details" of {@code dsregcmd /status}.
 * Fields the discovery document did not carry are empty.
 */
public record TenantDetails(
        TenantId tenantId,
        Optional<String> tenantName,
        Optional<String> displayName,
        Optional<String> authCodeUrl,
        Optional<String> accessTokenUrl,
        Optional<String> mdmUrl,
        Optional<String> mdmTouUrl,
        Optional<String> mdmComplianceUrl,
        Optional<ServiceEndpoint> joinService,
        Optional<ServiceEndpoint> keyService,
        Optional<ServiceEndpoint> webAuthnService,
        Optional<ServiceEndpoint> deviceManagementService) {

    public TenantDetails {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(authCodeUrl, "authCodeUrl");
        Objects.requireNonNull(accessTokenUrl, "accessTokenUrl");
        Objects.requireNonNull(mdmUrl, "mdmUrl");
        Objects.requireNonNull(mdmTouUrl, "mdmTouUrl");
        Objects.requireNonNull(mdmComplianceUrl, "mdmComplianceUrl");
        Objects.requireNonNull(joinService, "joinService");
        Objects.requireNonNull(keyService, "keyService");
        Objects.requireNonNull(webAuthnService, "webAuthnService");
        Objects.requireNonNull(deviceManagementService, "deviceManagementService");
    }

    /** Details that know nothing but the tenant id. */
    public static TenantDetails onlyId(TenantId tenantId) {
        return new TenantDetails(tenantId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
