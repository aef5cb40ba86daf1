package org.dsreg.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user can do about a failure or a problem, as a value: which dsreg action or setting
 * helps, never the command line that asks for it. The CLI words each kind (its {@code RemedyWords});
 * an embedding program switches over them and offers its own way to do the same. {@link Say} is
 * advice that needs no dsreg action at all ({@code chmod go-w /x}), given as words.
 */
public sealed interface Remedy {

    /** Plain advice, naming no dsreg action or option: the words are the advice. */
    static Remedy say(String text) {
        return new Say(text);
    }

    /** One thing, or else another ({@code first}, the one to try first). */
    static Remedy either(Remedy first, Remedy otherwise) {
        return new Either(first, otherwise);
    }

    /** Advice in words that name no dsreg action or option. */
    record Say(String text) implements Remedy {
        public Say {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code first}, or else {@code otherwise}. */
    record Either(Remedy first, Remedy otherwise) implements Remedy {
        public Either {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(otherwise, "otherwise");
        }
    }

    /**
     * Unregister the device (at DRS and here) from {@code tenant}, or from the tenant the user
     * names when empty; {@code asRoot}: with root's rights, as the system registration needs.
     */
    record Unregister(Optional<TenantId> tenant, boolean asRoot) implements Remedy {
        public Unregister {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /** Unregister from {@code tenant} first: a join is refused while that registration exists. */
    record UnregisterFirst(TenantId tenant) implements Remedy {
        public UnregisterFirst {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /** Unregister from {@code tenant}, then join again (before the certificate expires, when {@code beforeExpiry}). */
    record Rejoin(TenantId tenant, boolean beforeExpiry) implements Remedy {
        public Rejoin {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /** Join with this join type (a registration, {@link JoinType#REGISTERED}, may sit beside a join). */
    record Join(JoinType type) implements Remedy {
        public Join {
            Objects.requireNonNull(type, "type");
        }
    }

    /** Clean local state with the cleanup action; {@code asRoot}: with root's rights (its system phase). */
    record Cleanup(boolean asRoot) implements Remedy {
    }

    /**
     * A corrupt registration file is left alone: restore it from a backup, or remove it by cleanup
     * (and delete the device in Entra).
     */
    record RestoreOrCleanup() implements Remedy {
    }

    /** Keys an unfinished key creation left: the next join or unregister as root removes them, or cleanup. */
    record NextChangeRemovesLeftovers() implements Remedy {
    }

    /** Run with root's rights. */
    record RunAsRoot() implements Remedy {
    }

    /** Use a state directory of one's own instead of this one. */
    record OwnStateDir() implements Remedy {
    }

    /** The state directory given is not dsreg's: give the one dsreg keeps its state in. */
    record CheckStateDir() implements Remedy {
    }

    /** Say which tenant (nothing here tells it). */
    record GiveTenant() implements Remedy {
    }

    /** Allow the broker and the other services longer to answer. */
    record LongerTimeout() implements Remedy {
    }

    /** Several accounts could be meant: name one of {@code candidates} (their user names). */
    record ChooseAccount(List<String> candidates) implements Remedy {
        public ChooseAccount {
            candidates = List.copyOf(candidates);
        }
    }

    /** The status shows more: {@code what} of it, flag-free ({@code (Key Matches Certificate)}). */
    record ShowStatus(String what) implements Remedy {
        public ShowStatus {
            Objects.requireNonNull(what, "what");
        }
    }

    /** Take the DRS token from the OAuth device code sign-in instead. */
    record UseDeviceCodeSignIn() implements Remedy {
    }

    /**
     * Acquire a PRT (or renew the one there) for dsreg's registration with {@code tenant}, with root's rights: the
     * device key and dsreg's PRTs are root's.
     */
    record RefreshPrt(TenantId tenant) implements Remedy {
        public RefreshPrt {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /** Repair dsreg's registration with {@code tenant}: a new join replacing an identity that no longer works. */
    record Repair(TenantId tenant) implements Remedy {
        public Repair {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * Nobody could say whether an administrator disabled {@code device}: an administrator checks it in the Microsoft
     * Entra admin center, and if it is not disabled the same replacement is run again, forced.
     */
    record ForceIfNotDisabled(DeviceId device) implements Remedy {
        public ForceIfNotDisabled {
            Objects.requireNonNull(device, "device");
        }
    }

    /** The PRT kept for dsreg's registration with {@code tenant} is dead (revoked, expired): sign in for a new one. */
    record SignInAgain(TenantId tenant) implements Remedy {
        public SignInAgain {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * Another program's systemd user unit ({@code intune-agent.timer}): enable and start it, unmask it, or read its
     * log in the user's journal. Worded as the user's own service manager commands.
     */
    record UserUnit(String unit, UnitStep step) implements Remedy {
        public UserUnit {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(step, "step");
        }
    }

    /** What to do with a {@link UserUnit}. */
    enum UnitStep { ENABLE_AND_START, UNMASK, READ_LOG }
}
