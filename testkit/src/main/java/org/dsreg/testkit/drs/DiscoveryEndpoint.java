package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.EmulatorState.map;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /{tenantIdOrDomain}/Discover?api-version=1.9}: the document of MS-DRS 3.1, every URL pointing back at
 * the emulator. {@code AuthenticationService.OAuth2} names the v1 endpoints {@code /{tenant}/oauth2/authorize} and
 * {@code /{tenant}/oauth2/token}, as the service does (the spec's example); clients derive the authority from them.
 */
final class DiscoveryEndpoint {
    private final EmulatorState state;

    DiscoveryEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws DrsError {
        EmulatorState.requireApiVersion(request, Set.of("1.9"), "1.9");
        state.requireTenant(tenant);
        String tid = state.tenantId.toString();
        String base = state.baseUrl;
        String drs = DrsEmulator.DRS_RESOURCE;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DiscoveryService", map("DiscoveryEndpoint", base + "/" + tid + "/Discover", "ServiceVersion", "1.9"));
        d.put("DeviceRegistrationService", map(
                "RegistrationEndpoint", base + "/EnrollmentServer/DeviceEnrollmentWebService.svc",
                "RegistrationResourceId", drs, "ServiceVersion", "1.0"));
        d.put("AuthenticationService", map("OAuth2", map(
                "AuthCodeEndpoint", base + "/" + tid + "/oauth2/authorize",
                "TokenEndpoint", base + "/" + tid + "/oauth2/token")));
        d.put("IdentityProviderService", map("Federated", false, "PassiveAuthEndpoint", base + "/" + tid + "/wsfed"));
        d.put("DeviceJoinService", map("JoinEndpoint", base + "/EnrollmentServer/device/", "JoinResourceId", drs,
                "ServiceVersion", "2.0"));
        d.put("KeyProvisioningService", map("KeyProvisionEndpoint", base + "/EnrollmentServer/key/",
                "KeyProvisionResourceId", drs, "ServiceVersion", "1.0"));
        d.put("WebAuthNService", map("ServiceVersion", "1.0", "WebAuthNEndpoint", base + "/webauthn/" + tid + "/",
                "WebAuthNResourceId", drs));
        d.put("DeviceManagementService", map("DeviceManagementEndpoint", base + "/manage/" + tid + "/",
                "DeviceManagementResourceId", drs, "ServiceVersion", "1.0"));
        d.put("MsaProviderData", map("SiteId", "0", "SiteUrl", base.substring("https://".length())));
        d.put("PrecreateService", map("PrecreateEndpoint", base + "/EnrollmentServer/device/precreate/" + tid + "/",
                "PrecreateResourceId", drs, "ServiceVersion", "2.0"));
        d.put("TenantInfo", map("DisplayName", state.config.tenantDisplayName, "TenantId", tid,
                "TenantName", state.config.tenantDomain));
        d.put("AzureRbacService", map("RbacPolicyEndpoint", base + "/pas"));
        d.put("BPLService", map(
                "BPLProxyServicePrincipalId", UUID.nameUUIDFromBytes(("bpl:" + tid).getBytes(StandardCharsets.UTF_8))
                        .toString(),
                "BPLResourceId", drs, "BPLServiceEndpoint", base + "/aadpasswordpolicy/" + tid + "/",
                "ServiceVersion", "1.0"));
        d.put("DeviceJoinResourceService", map("Endpoint", base + "/EnrollmentServer/device/resource/" + tid + "/",
                "ResourceId", drs, "ServiceVersion", "2.0"));
        d.put("NonceService", map("Endpoint", base + "/EnrollmentServer/nonce/" + tid + "/", "ResourceId", drs,
                "ServiceVersion", "1.0"));
        return new EmulatorResponse(200, state.bytes(d));
    }
}
