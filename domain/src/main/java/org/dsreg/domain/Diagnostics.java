package org.dsreg.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of the diagnostics (the CLI's {@code --diagnose}): pre-join tests per tenant (discovery, connectivity,
 * clock skew, token acquisition, proxy) and post-join tests per registration (KeySignTest,
 * certificate validity, key presence, DeviceAuthStatus) and, for each of dsreg's registrations, its PRT tests (present,
 * not expired, renewed), and, per registration, what Microsoft Graph says of the device's management
 * ({@code management}: the "Device Management" sections; their verdicts are among the results); then this host's
 * Intune agent (its rows, and {@code intuneAgent}: the facts they rest on).
 */
public record Diagnostics(List<Result> results, List<ManagementCheck> management, Optional<IntuneAgent> intuneAgent) {
    public Diagnostics {
        results = List.copyOf(results);
        management = List.copyOf(management);
        Objects.requireNonNull(intuneAgent, "intuneAgent");
    }

    /** Results without the Intune agent's facts. */
    public Diagnostics(List<Result> results, List<ManagementCheck> management) {
        this(results, management, Optional.empty());
    }

    /** Results with no Device Management section. */
    public Diagnostics(List<Result> results, Optional<IntuneAgent> intuneAgent) {
        this(results, List.of(), intuneAgent);
    }

    /** Results alone: no Device Management section, no Intune agent's facts. */
    public Diagnostics(List<Result> results) {
        this(results, List.of(), Optional.empty());
    }

    /**
     * PASS, WARN (it works, but something is worth attention: an OS version Entra records that is not this host's),
     * FAIL with the reason, or SKIPPED with why.
     */
    public enum Outcome { PASS, WARN, FAIL, SKIPPED }

    /**
     * One test's result. {@code scope} names what it was run for ("tenant &lt;id&gt;", "device
     * &lt;id&gt;"); {@code detail} is the reason (with DRS's error code and our request id where
     * there are some) or what was found; {@code remedy}, what would let the test run or pass, where
     * something would.
     */
    public record Result(String scope, String test, Outcome result, String detail, Optional<Remedy> remedy) {
        public Result {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(remedy, "remedy");
        }

        /** A result with nothing to advise. */
        public Result(String scope, String test, Outcome result, String detail) {
            this(scope, test, result, detail, Optional.empty());
        }
    }
}
