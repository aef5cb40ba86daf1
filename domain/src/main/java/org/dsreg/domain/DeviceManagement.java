package org.dsreg.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What Microsoft Entra records about a device's management (Microsoft Graph's {@code device} resource, the fields
 * {@code --diagnose} asks for); a field Graph left out or sent as {@code null} is empty, never guessed.
 *
 * @param objectId              the device object's id in the directory (Graph's {@code id}, not the device id)
 * @param accountEnabled        whether the device may sign in ({@code false}: an administrator disabled it)
 * @param managed               whether an MDM manages it ({@code isManaged})
 * @param compliant             whether its MDM found it compliant ({@code isCompliant})
 * @param trustType             how it is joined: {@code AzureAd}, {@code Workplace}, {@code ServerAd}
 * @param managementType        the MDM's kind ({@code MDM}, {@code EAS}, …; {@code managementType})
 * @param mdmAppId              the MDM application's id
 * @param approximateLastSignIn when it last signed in, approximately (Entra updates it at most every few days)
 * @param complianceExpiration  when the compliance state expires
 * @param operatingSystem       the operating system as recorded ({@code Linux})
 * @param operatingSystemVersion the version as recorded (for dsreg's joins, the os-release name the join sent)
 */
public record DeviceManagement(String objectId, Optional<Boolean> accountEnabled, Optional<Boolean> managed,
                               Optional<Boolean> compliant, Optional<String> trustType,
                               Optional<String> managementType, Optional<String> mdmAppId,
                               Optional<Instant> approximateLastSignIn, Optional<Instant> complianceExpiration,
                               Optional<String> operatingSystem, Optional<String> operatingSystemVersion) {
    /**
     * Microsoft Intune's application id, the {@code mdmAppId} of a device Intune manages (the first-party application
     * "Microsoft Intune", {@code 0000000a-0000-0000-c000-000000000000}).
     */
    public static final String INTUNE_APP_ID = "0000000a-0000-0000-c000-000000000000";

    public DeviceManagement {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(accountEnabled, "accountEnabled");
        Objects.requireNonNull(managed, "managed");
        Objects.requireNonNull(compliant, "compliant");
        Objects.requireNonNull(trustType, "trustType");
        Objects.requireNonNull(managementType, "managementType");
        Objects.requireNonNull(mdmAppId, "mdmAppId");
        Objects.requireNonNull(approximateLastSignIn, "approximateLastSignIn");
        Objects.requireNonNull(complianceExpiration, "complianceExpiration");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        Objects.requireNonNull(operatingSystemVersion, "operatingSystemVersion");
    }

    /** The management application by name where it is known ({@code Microsoft Intune}), else by its id. */
    public Optional<String> managementApp() {
        return mdmAppId.map(id -> INTUNE_APP_ID.equals(id.toLowerCase(Locale.ROOT)) ? "Microsoft Intune" : id);
    }

    /** Whether an administrator disabled it: Graph said {@code accountEnabled: false}. */
    public boolean disabled() {
        return accountEnabled.equals(Optional.of(false));
    }
}
