package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallBanEffectiveTest {

    @TempDir
    Path dir;

    final FirewallBanEffective check = new FirewallBanEffective();

    Tree debian() {
        return FirewallBanToolTest.fail2ban(new Tree(dir), true).file("/usr/sbin/iptables", "");
    }

    @Test
    void failsOnAJournaldOnlyImageWhoseSshdJailReadsAuthLog() {
        Outcome o = Evaluate.on(check, debian().host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("/var/log/auth.log").contains("only in the journal");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.conf:281"));
    }

    @Test
    void passesWithTheSystemdBackend() {
        Outcome o = Evaluate.on(check, debian().file("/etc/fail2ban/jail.d/sshd.local", "[sshd]\nbackend = systemd\n").host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.d/sshd.local:2"));
    }

    static String dpkg(String... packages) {
        StringBuilder b = new StringBuilder();
        for (String p : packages) {
            b.append("Package: ").append(p).append("\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0\n\n");
        }
        return b.toString();
    }

    @Test
    void failsWhenTheSystemdBackendLacksPython3Systemd() {
        var t = debian().file("/etc/fail2ban/jail.d/sshd.local", "[sshd]\nbackend = systemd\n")
                .file("/var/lib/dpkg/status", dpkg("fail2ban", "python3"));
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("backend = systemd").contains("python3-systemd is not installed");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.d/sshd.local:2"));
    }

    @Test
    void passesWhenTheSystemdBackendHasPython3Systemd() {
        var t = debian().file("/etc/fail2ban/jail.d/sshd.local", "[sshd]\nbackend = systemd\n")
                .file("/var/lib/dpkg/status", dpkg("fail2ban", "python3", "python3-systemd"));
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.path()).isEqualTo("/var/lib/dpkg/status"));
    }

    @Test
    void aPassShowsTheBanActionWhoseFirewallIsInstalled() throws IOException {
        var t = debian().file("/var/log/auth.log", "").file("/usr/sbin/nft", "")
                .file("/etc/fail2ban/jail.local", "[DEFAULT]\nbanaction = nftables-multiport\n");
        Files.delete(t.at("/usr/sbin/iptables"));
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("banaction = nftables-multiport"));
    }

    @Test
    void passesOnAnImageWhoseEnabledRsyslogWillWriteAuthLog() {
        var t = debian().file("/usr/sbin/rsyslogd", "").resources("packages/rsyslog")
                .file("/usr/lib/systemd/system/rsyslog.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/rsyslog.service",
                        "../../../../usr/lib/systemd/system/rsyslog.service");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenTheBanActionsFirewallIsNotInstalled() throws IOException {
        var t = debian().file("/var/log/auth.log", "");
        Files.delete(t.at("/usr/sbin/iptables"));
        t.file("/usr/sbin/nft", "");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("iptables-multiport").contains("iptables is not installed");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("banaction = iptables-multiport"));
    }

    @Test
    void failsForDenyhostsWhenSshdLacksLibwrap() throws IOException {
        byte[] ls = Files.readAllBytes(Path.of("/bin/ls"));
        var t = new Tree(dir).file("/etc/denyhosts.conf", "SECURE_LOG = /var/log/auth.log\nHOSTS_DENY = /etc/hosts.deny\n")
                .file("/usr/sbin/denyhosts", "").bytes("/usr/sbin/sshd", ls);
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("libwrap");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/denyhosts.conf:2"));
    }

    @Test
    void passesForDenyhostsWhenSshdLinksLibwrap() throws IOException {
        Path sshd = Path.of("/usr/sbin/sshd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(sshd), "needs Debian's sshd");
        var t = new Tree(dir).file("/etc/denyhosts.conf", "HOSTS_DENY = /etc/hosts.deny\n")
                .file("/usr/sbin/denyhosts", "").bytes("/usr/sbin/sshd", Files.readAllBytes(sshd));
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("DT_NEEDED libwrap.so"));
    }

    @Test
    void failsForCrowdsecWithoutABouncer() {
        var t = new Tree(dir).file("/etc/crowdsec/config.yaml", "common:\n  daemonize: false\n").file("/usr/bin/crowdsec", "");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("no firewall bouncer");
    }

    @Test
    void checksSshguardsBackendFromDebiansPackage() {
        var t = new Tree(dir).resources("packages/sshguard").file("/usr/sbin/sshguard", "");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("needs nft");
        t.file("/usr/libexec/sshguard/sshg-fw-nft-sets", "").file("/usr/sbin/nft", "");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWithoutABanTool() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenAnInterpolationNamesNothing() {
        Outcome o = Evaluate.on(check, debian().file("/etc/fail2ban/jail.d/x.local", "[sshd]\nlogpath = %(nowhere)s\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/fail2ban/jail.d/x.local:2").contains("nowhere");
    }
}
