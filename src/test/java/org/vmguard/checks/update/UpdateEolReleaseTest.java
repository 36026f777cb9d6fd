package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.EolTable;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tree;

class UpdateEolReleaseTest {

    @TempDir
    Path dir;

    final UpdateEolRelease check = new UpdateEolRelease();

    static Host at(Tree t, String date) {
        return new Host(new RootfsTarget(t.root()), () -> Instant.parse(date + "T12:00:00Z"));
    }

    static final String PRO_ATTACHED = """
            {"_schema_version": "0.1", "attached": true, "machine_id": "x",
             "services": [{"name": "esm-apps", "status": "enabled"}, {"name": "esm-infra", "status": "enabled"},
                          {"name": "livepatch", "status": "disabled"}]}
            """;

    @Test
    void passesForASupportedReleaseAndCitesTheTable() {
        Outcome o = check.evaluate(UpdateHosts.ubuntu2404(dir).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("2029-05-31");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("eol.csv line ").contains("2026-11-23")
                .contains("https://ubuntu.com/about/release-cycle"));
    }

    @Test
    void debianLtsCountsAsFreeSupport() {
        // Debian 12's regular security support ended 2026-07-11; LTS runs until 2028-06-30
        Tree t = UpdateHosts.debian12(dir);
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        assertThat(check.evaluate(at(t, "2028-07-01"))).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void ubuntuPastStandardSupportFailsWithoutProAndPassesWithIt() {
        Tree t = UpdateHosts.ubuntu2404(dir);
        Outcome without = check.evaluate(at(t, "2030-01-01"));
        assertThat(without).isInstanceOf(Outcome.Fail.class);
        assertThat(without.reason()).contains("Ubuntu Pro (ESM)").contains("no subscription");
        t.file("/var/lib/ubuntu-advantage/status.json", PRO_ATTACHED);
        Outcome with = check.evaluate(at(t, "2030-01-01"));
        assertThat(with).isInstanceOf(Outcome.Pass.class);
        assertThat(with.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/var/lib/ubuntu-advantage/status.json");
            assertThat(e.text()).contains("esm-infra enabled");
        });
        assertThat(check.evaluate(at(t, "2034-05-01"))).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void anAttachedProWithoutEsmInfraDoesNotCount() {
        Tree t = UpdateHosts.ubuntu2404(dir).file("/var/lib/ubuntu-advantage/status.json",
                "{\"attached\": true, \"services\": [{\"name\": \"esm-infra\", \"status\": \"disabled\"}]}");
        assertThat(check.evaluate(at(t, "2030-01-01"))).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void anInterimUbuntuReleaseHasNoPaidExtension() {
        Tree t = new Tree(dir).file("/etc/os-release", "ID=ubuntu\nVERSION_ID=\"23.10\"\nPRETTY_NAME=\"Ubuntu 23.10\"\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("no security updates since 2024-07-11");
    }

    @Test
    void rhel7NeedsItsElsRepository() {
        Tree t = new Tree(dir).file("/etc/os-release",
                "NAME=\"Red Hat Enterprise Linux Server\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"7.9\"\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
        t.file("/etc/yum.repos.d/redhat.repo", """
                [rhel-7-server-els-rpms]
                name = Red Hat Enterprise Linux 7 Server - Extended Life Cycle Support (RPMs)
                baseurl = https://cdn.redhat.com/content/els/rhel/server/7/$releasever/$basearch/os
                enabled = 1
                """);
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("RHEL ELS");
    }

    @Test
    void centos7WithoutOsReleaseIsReadFromRedhatRelease() {
        Tree t = new Tree(dir).file("/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("2024-06-30");
        Tree six = new Tree(dir.resolve("six")).file("/etc/redhat-release", "CentOS release 6.10 (Final)\n");
        assertThat(check.evaluate(six.host()).reason()).contains("2020-11-30");
    }

    @Test
    void rockyAndCentosStreamAreTold() {
        assertThat(check.evaluate(UpdateHosts.rocky9(dir).host())).isInstanceOf(Outcome.Pass.class);
        Tree stream = new Tree(dir.resolve("s")).file("/etc/os-release",
                "NAME=\"CentOS Stream\"\nVERSION=\"8\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"8\"\n");
        assertThat(check.evaluate(stream.host()).reason()).contains("2024-05-31");
    }

    @Test
    void anUnknownReleaseIsSkippedWithTheReason() {
        Tree t = new Tree(dir).file("/etc/os-release", "ID=debian\nVERSION_ID=\"7\"\nPRETTY_NAME=\"Debian 7\"\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("not in the end-of-support table of 2026-11-23");
        Tree sid = new Tree(dir.resolve("sid")).file("/etc/os-release", "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n");
        assertThat(check.evaluate(sid.host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void theTableCoversEveryRequiredRelease() {
        EolTable t = EolTable.shipped();
        assertThat(t.tableDate()).isEqualTo("2026-11-23");
        for (String v : new String[] {"14.04", "16.04", "18.04", "20.04", "22.04", "24.04", "25.04", "25.10"}) {
            assertThat(t.find("ubuntu", v)).as(v).isPresent();
        }
        for (int v = 8; v <= 13; v++) {
            assertThat(t.find("debian", String.valueOf(v))).as("debian " + v).isPresent();
        }
        for (int v = 7; v <= 10; v++) {
            assertThat(t.find("rhel", String.valueOf(v))).as("rhel " + v).isPresent();
        }
        for (String d : new String[] {"rocky", "almalinux"}) {
            for (int v = 8; v <= 10; v++) {
                assertThat(t.find(d, String.valueOf(v))).as(d + " " + v).isPresent();
            }
        }
        for (int v = 6; v <= 8; v++) {
            assertThat(t.find("centos", String.valueOf(v))).isPresent();
        }
        for (int v = 8; v <= 10; v++) {
            assertThat(t.find("centos-stream", String.valueOf(v))).isPresent();
        }
        for (EolTable.Row r : t.rows()) {
            assertThat(r.standardEnd()).as(r.distro() + " " + r.version()).isAfter(r.release());
            assertThat(r.freeEnd()).as(r.distro() + " " + r.version()).isAfterOrEqualTo(r.standardEnd());
            r.paidEnd().ifPresent(p -> assertThat(p).isAfter(r.freeEnd()));
        }
    }
}
