package org.dsreg.testkit.dbus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An account known to {@link FakeBroker}.
 *
 * @param username  the UPN, e.g. {@code alice@contoso.example}
 * @param tenantId  the tenant id (a GUID); the account's {@code realm}
 * @param objectId  the user's object id (a GUID); the account's {@code localAccountId}
 * @param givenName the given name
 * @param name      the display name
 */
public record FakeAccount(String username, String tenantId, String objectId, String givenName, String name) {

    /** Tenant id of the first default account (made up). */
    public static final String CONTOSO_TENANT = "3c0a8f1e-5b2d-4c6e-9f71-2a4b6d8e0c13";
    /** Tenant id of the second default account (made up). */
    public static final String FABRIKAM_TENANT = "9e1d7b42-0f3a-4d8c-b6e5-7a2c1f9d3e80";

    /**
     * Validates that no component is null.
     *
     * @param username see the record component
     * @param tenantId see the record component
     * @param objectId see the record component
     * @param givenName see the record component
     * @param name see the record component
     */
    public FakeAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(name, "name");
    }

    /**
     * An account with a deterministic object id (derived from UPN and tenant) and names derived from the UPN.
     *
     * @param upn      the user principal name
     * @param tenantId the tenant id
     * @return the account
     */
    public static FakeAccount of(String upn, String tenantId) {
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(tenantId, "tenantId");
        String local = upn.contains("@") ? upn.substring(0, upn.indexOf('@')) : upn;
        String given = local.isEmpty() ? "User" : local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1);
        String oid = UUID.nameUUIDFromBytes((upn.toLowerCase(Locale.ROOT) + "/" + tenantId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new FakeAccount(upn, tenantId, oid, given, given + " Tester");
    }

    /**
     * The default accounts: {@code alice@contoso.example} in {@link #CONTOSO_TENANT} and
     * {@code bob@fabrikam.example} in {@link #FABRIKAM_TENANT}.
     *
     * @return two accounts
     */
    public static List<FakeAccount> defaults() {
        return List.of(of("alice@contoso.example", CONTOSO_TENANT), of("bob@fabrikam.example", FABRIKAM_TENANT));
    }

    /**
     * The MSAL home account id, {@code <oid>.<tenant>}.
     *
     * @return the home account id
     */
    public String homeAccountId() {
        return objectId + "." + tenantId;
    }
}
