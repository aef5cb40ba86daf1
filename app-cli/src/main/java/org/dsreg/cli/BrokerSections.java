package org.dsreg.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.UserState;

/** The broker-derived sections of the text status: Primary Refresh Token, User State, Broker Information. */
final class BrokerSections {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    static final String UNKNOWN = "UNKNOWN";

    private BrokerSections() {
    }

    static List<Section> of(DeviceStatus status) {
        Clock at = Clock.fixed(status.generatedAt(), ZoneOffset.UTC);
        return List.of(prt(status.userState(), at), user(status.userState()), broker(status.broker()));
    }

    private static Section prt(UserState state, Clock at) {
        Section s = new Section("Primary Refresh Token");
        if (state instanceof UserState.Known k && k.accounts().isEmpty()) {
            s.row("PRT Present", "NO (no account is signed in to the broker)", Style.Health.WARN);
        } else if (state instanceof UserState.Known k) {
            for (AccountState a : k.accounts()) {
                s.row("Account", a.account().username());
                prtRows(s, a.prt(), at);
            }
        } else if (state instanceof UserState.Unavailable u) {
            s.row("PRT Present", UNKNOWN + " (" + u.reason() + ")", Style.Health.WARN);
        } else if (state instanceof UserState.Failed f) {
            s.row("PRT Present", UNKNOWN + " (broker error: " + f.error().summary() + ")", Style.Health.BAD);
        }
        return s;
    }

    private static void prtRows(Section s, PrtState prt, Clock at) {
        if (prt instanceof PrtState.Present p) {
            s.row("PRT Present", "YES", p.expiredAt(at.instant()) ? Style.Health.BAD : Style.Health.GOOD);
            s.row("PRT Cached At", time(p.acquiredAt()));
            s.row("PRT Expires On", time(p.expiresAt()));
            s.row("Last PRT Refresh", time(p.lastRefresh()));
            s.row("PRT Age", p.age(at).map(BrokerSections::hours).orElse(UNKNOWN));
            s.row("Session Key Protocol", p.sessionKeyProtocol().orElse(UNKNOWN));
        } else if (prt instanceof PrtState.Absent a) {
            s.row("PRT Present", "NO (" + a.reason() + ")", Style.Health.BAD);
        } else if (prt instanceof PrtState.Unknown u) {
            s.row("PRT Present", UNKNOWN + " (" + u.reason() + ")", Style.Health.WARN);
        }
    }

    private static Section user(UserState state) {
        Section s = new Section("User State");
        if (state instanceof UserState.Known k) {
            s.row("Broker Accounts", String.valueOf(k.accounts().size()));
            for (AccountState a : k.accounts()) {
                s.row("Account", a.account().username() + a.account().tenantId().map(t -> " (tenant " + t + ")").orElse(""));
            }
        } else if (state instanceof UserState.Unavailable u) {
            s.row("Broker Accounts", UNKNOWN + " (" + u.reason() + ")", Style.Health.WARN);
        } else if (state instanceof UserState.Failed f) {
            s.row("Broker Accounts", UNKNOWN + " (broker error: " + f.error().summary() + ")", Style.Health.BAD);
        }
        return s;
    }

    private static Section broker(BrokerInfo b) {
        Section s = new Section("Broker Information");
        s.row("Broker Installed", b.installed() ? "YES" : "NO");
        s.row("Broker Version", b.version().orElse(UNKNOWN));
        unit(s, "Broker Service", b.deviceService());
        unit(s, "User Broker Service", b.userService());
        s.row("User Broker", connection(b.userBroker()), health(b.userBroker()));
        s.row("Device Broker", connection(b.deviceBroker()), health(b.deviceBroker()));
        s.row("Device Mode", b.deviceMode().orElse(UNKNOWN));
        return s;
    }

    private static void unit(Section s, String label, ServiceUnit u) {
        s.row(label + " Name", u.name());
        String state = u.activeState().map(a -> a + u.subState().map(sub -> " (" + sub + ")").orElse(""))
                .map(a -> u.loaded().orElse(true) ? a : "not installed")
                .orElse(UNKNOWN + u.unknownReason().map(r -> " (" + r + ")").orElse(""));
        s.row(label + " State", state, u.active() ? Style.Health.GOOD : Style.Health.PLAIN);
        u.binaryPath().ifPresent(p -> s.row(label + " Binary Path", p));
        u.binaryTimestamp().ifPresent(t -> s.row(label + " Binary Timestamp", UTC.format(t)));
    }

    static String connection(BrokerConnection c) {
        if (c instanceof BrokerConnection.Reachable r) {
            return "reachable" + r.version().map(v -> " (version " + v + ")").orElse("");
        }
        if (c instanceof BrokerConnection.NotInstalled) {
            return "not installed";
        }
        if (c instanceof BrokerConnection.Unreachable u) {
            return "UNREACHABLE (" + u.reason() + ")";
        }
        if (c instanceof BrokerConnection.Unknown u) {
            return UNKNOWN + " (" + u.reason() + ")";
        }
        if (c instanceof BrokerConnection.Starting s) {
            return "STARTING (" + RemedyWords.reason(s) + ")";
        }
        return "ERROR (" + ((BrokerConnection.Failed) c).error().summary() + ")";
    }

    private static Style.Health health(BrokerConnection c) {
        if (c instanceof BrokerConnection.Reachable) {
            return Style.Health.GOOD;
        }
        if (c instanceof BrokerConnection.Unknown || c instanceof BrokerConnection.Starting) {
            return Style.Health.WARN;
        }
        return c instanceof BrokerConnection.NotInstalled ? Style.Health.PLAIN : Style.Health.BAD;
    }

    private static String time(Optional<Instant> t) {
        return t.map(UTC::format).orElse(UNKNOWN);
    }

    static String hours(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f hours", d.toSeconds() / 3600.0);
    }
}
