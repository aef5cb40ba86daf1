package org.dsreg.domain;

/**
 * The device state {@code dsregcmd} derives from AzureAdJoined, EnterpriseJoined and DomainJoined.
 * A workplace join (Entra registered) does not change the device state; it is a user-level fact.
 */
public enum DeviceState {
    ENTRA_JOINED("Microsoft Entra joined"),
    DOMAIN_JOINED("Domain Joined"),
    HYBRID_JOINED("Microsoft Entra hybrid joined"),
    ON_PREMISES_DRS_JOINED("On-premises DRS Joined"),
    NOT_JOINED("Not joined"),
    /** A combination the table does not allow, such as both AzureAdJoined and EnterpriseJoined. */
    INCONSISTENT("Inconsistent");

    private final String label;

    DeviceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The derivation table of {@code dsregcmd /status}. */
    public static DeviceState derive(boolean azureAdJoined, boolean enterpriseJoined, boolean domainJoined) {
        if (azureAdJoined && enterpriseJoined) {
            return INCONSISTENT; // "A device can't be both EnterpriseJoined and AzureAdJoined."
        }
        if (azureAdJoined) {
            return domainJoined ? HYBRID_JOINED : ENTRA_JOINED;
        }
        if (enterpriseJoined) {
            return domainJoined ? ON_PREMISES_DRS_JOINED : INCONSISTENT;
        }
        return domainJoined ? DOMAIN_JOINED : NOT_JOINED;
    }
}
