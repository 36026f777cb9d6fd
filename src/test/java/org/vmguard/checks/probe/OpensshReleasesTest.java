package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Real banners of Debian, Ubuntu, Red Hat and others, fixed and unfixed revisions. */
class OpensshReleasesTest {

    @ParameterizedTest(name = "{0} → [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            # Debian 10, 11, 12, 13: the release's first revision, a security update, the newest
            SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u2   | CVE-2023-48795
            SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u4   |
            SSH-2.0-OpenSSH_8.4p1 Debian-5            | CVE-2023-48795
            SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1    | CVE-2023-48795
            SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3    |
            SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u5    |
            SSH-2.0-OpenSSH_9.2p1 Debian-2            | CVE-2024-6387 CVE-2023-48795
            SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u1    | CVE-2024-6387 CVE-2023-48795
            SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2    | CVE-2024-6387
            SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3    |
            SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10   |
            SSH-2.0-OpenSSH_9.2p1 Raspbian-2+deb12u2  | CVE-2024-6387
            SSH-2.0-OpenSSH_10.0p2 Debian-7           |
            # Debian 9: user enumeration fixed in deb9u4
            SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3    | CVE-2023-48795 CVE-2018-15473
            SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7    | CVE-2023-48795
            # Debian 8: jessie's LTS fixed the password-length and keyboard-interactive flaws in deb8u6
            SSH-2.0-OpenSSH_6.7p1 Debian-5+deb8u3     | CVE-2023-48795 CVE-2018-15473 CVE-2016-6515 CVE-2015-5600
            SSH-2.0-OpenSSH_6.7p1 Debian-5+deb8u6     | CVE-2023-48795 CVE-2018-15473
            # Ubuntu 16.04 (ESM carries the Terrapin fix), 18.04, 20.04, 22.04, 24.04
            SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.10  | CVE-2023-48795 CVE-2018-15473
            SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.10+esm5 | CVE-2018-15473
            SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.7+esm3 |
            SSH-2.0-OpenSSH_7.6p1 Ubuntu-4            | CVE-2023-48795 CVE-2018-15473
            SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.7   | CVE-2023-48795
            SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5   | CVE-2023-48795
            SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.10  |
            SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.13  |
            SSH-2.0-OpenSSH_8.9p1 Ubuntu-3            | CVE-2024-6387 CVE-2023-48795
            SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6   | CVE-2024-6387
            SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10  |
            SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.13  |
            SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13    | CVE-2024-6387 CVE-2025-26466
            SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.3  | CVE-2025-26466
            SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.8  |
            SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.14 |
            # Red Hat prints no revision: upstream ranges, with the caveat
            SSH-2.0-OpenSSH_8.7                       | CVE-2024-6387 CVE-2023-48795
            SSH-2.0-OpenSSH_8.0                       | CVE-2023-48795
            SSH-2.0-OpenSSH_7.4                       | CVE-2023-48795 CVE-2018-15473
            # very old: CentOS 5's 4.3 (before the 2006 signal-handler fix, so regreSSHion's race too)
            SSH-2.0-OpenSSH_4.3                       | CVE-2024-6387 CVE-2018-15473 CVE-2016-6515 CVE-2015-5600 CVE-2006-5051
            # upstream builds, OpenBSD
            SSH-2.0-OpenSSH_9.7p1                     | CVE-2024-6387 CVE-2025-26466
            SSH-2.0-OpenSSH_9.8p1                     | CVE-2025-26466
            SSH-2.0-OpenSSH_9.8                       | CVE-2025-26466
            SSH-2.0-OpenSSH_9.9p2                     |
            SSH-2.0-OpenSSH_10.2                      |
            SSH-2.0-OpenSSH_8.4p1                     | CVE-2023-48795
            SSH-2.0-OpenSSH_7.4p1-hpn14v11 FreeBSD-20170902 | CVE-2023-48795 CVE-2018-15473
            SSH-2.0-OpenSSH_5.3                       | CVE-2018-15473 CVE-2016-6515 CVE-2015-5600
            # not OpenSSH, or the version hidden
            SSH-2.0-dropbear_2022.83                  |
            SSH-2.0-dropbear_2019.78                  |
            SSH-2.0-OpenSSH                           |
            SSH-2.0-OpenSSH_                          |
            SSH-2.0-OpenSSH_for_Windows_8.1           |
            SSH-2.0-Go                                |
            SSH-2.0-SSHD-CORE-2.20.0                  |
            SSH-2.0-APACHE-SSHD-2.20.0                |
            HTTP/1.0 400 Bad Request                  |
                                                      |
            """)
    void flawsOfARealBanner(String banner, String cves) {
        List<String> expected = cves == null ? List.of() : Arrays.asList(cves.split(" "));
        List<String> flaws = OpensshReleases.flaws(banner == null ? "" : banner);
        assertThat(flaws).extracting(f -> f.substring(0, f.indexOf(':'))).containsExactlyElementsOf(expected);
    }

    @Test
    void aDistributionBannerNamesTheFixedPackage() {
        assertThat(OpensshReleases.flaws("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2")).containsExactly(
                "CVE-2024-6387: regreSSHion: a signal-handler race lets an unauthenticated client run code as root "
                        + "(glibc-based Linux); fixed in Debian's 1:9.2p1-2+deb12u3");
    }

    @Test
    void aBannerWithoutRevisionSaysABackportCannotBeSeen() {
        List<String> flaws = OpensshReleases.flaws("SSH-2.0-OpenSSH_8.7");
        assertThat(flaws).hasSize(2).allSatisfy(f -> assertThat(f).endsWith("a backported fix cannot be seen)"));
        assertThat(flaws.get(0)).contains("fixed upstream in 9.8p1");
    }

    @Test
    void aDistributionBannerForAnUpstreamVersionWithoutTableEntryIsJudgedAsUpstream() {
        // Debian unstable once had 9.6p1; the table knows no fixed revision for it
        List<String> flaws = OpensshReleases.flaws("SSH-2.0-OpenSSH_9.6p1 Debian-4");
        assertThat(flaws).hasSize(2);
        assertThat(flaws.get(0)).startsWith("CVE-2024-6387:").contains("fixed upstream in 9.8p1").doesNotContain("backported");
    }

    @Test
    void theTableIsWellFormed() {
        for (OpensshReleases.Flaw f : OpensshReleases.TABLE) {
            assertThat(f.cve()).matches("CVE-\\d{4}-\\d{4,}");
            assertThat(f.why()).isNotBlank().doesNotContain("\n");
            assertThat(f.affected()).isNotEmpty();
            assertThat(f.fixedIn().keySet()).isSubsetOf("Debian", "Ubuntu");
            // every distribution fix is for an upstream version the flaw affects
            f.fixedIn().forEach((distro, fixes) -> fixes.keySet().forEach(upstream -> assertThat(
                    OpensshReleases.flaws("SSH-2.0-OpenSSH_" + upstream)).as(f.cve() + " " + distro + " " + upstream)
                    .anySatisfy(x -> assertThat(x).startsWith(f.cve() + ":"))));
        }
    }
}
