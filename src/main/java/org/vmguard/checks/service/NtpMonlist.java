package org.vmguard.checks.service;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.ntp.NtpServers;

public final class NtpMonlist implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("ntp.monlist",
            "The NTP daemon does not answer control queries from anyone", Severity.HIGH,
            "NTP's mode 7 monlist and mode 6 queries return far more data than they receive: an NTP server "
                    + "that answers them for anyone is abused to amplify denial-of-service attacks.",
            "ntpd / NTPsec: in /etc/ntpsec/ntp.conf (or /etc/ntp.conf) keep "
                    + "'restrict default kod nomodify nopeer noquery limited' (and the same for -6), remove any "
                    + "'unrestrict default noquery', then restart ntpsec. chrony: keep bindcmdaddress on "
                    + "127.0.0.1/::1 and no 'cmdallow all'. Or use systemd-timesyncd, which serves nobody.",
            "Disable NTP monlist / mode 6 and 7 queries", "CVE-2013-5211", "CIS Debian 12 2.3.x: time synchronization");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<NtpServers.Daemon> ds = host.fact(NtpServers.KEY).daemons();
        if (ds.isEmpty()) {
            return Outcome.skip("no NTP server (ntpd, NTPsec, chrony) is installed");
        }
        for (NtpServers.Daemon d : ds) {
            if (d.open().isPresent()) {
                return Outcome.fail(d.name() + ": " + d.open().get().reason(), d.open().get().evidence());
            }
        }
        return Outcome.pass(String.join(", ", ds.stream().map(NtpServers.Daemon::name).toList())
                + ": control queries are refused to outside clients");
    }
}
