package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSH's compiled-in values for options no line sets, per release. The table is what
 * {@code sshd -T} of OpenSSH 9.2 (Debian 12) prints for an empty configuration; releases differ
 * where noted (PermitRootLogin before 7.0, algorithm lists, ChallengeResponseAuthentication
 * before 8.7).
 */
public final class SshdDefaults {

    private static final String TABLE_92 = """
            port 22
            addressfamily any
            usepam no
            logingracetime 120
            x11displayoffset 10
            maxauthtries 6
            maxsessions 10
            clientaliveinterval 0
            clientalivecountmax 3
            requiredrsasize 1024
            streamlocalbindmask 0177
            unusedconnectiontimeout none
            permitrootlogin prohibit-password
            ignorerhosts yes
            ignoreuserknownhosts no
            hostbasedauthentication no
            hostbasedusesnamefrompacketonly no
            pubkeyauthentication yes
            kerberosauthentication no
            kerberosorlocalpasswd yes
            kerberosticketcleanup yes
            gssapiauthentication no
            gssapicleanupcredentials yes
            gssapikeyexchange no
            gssapistrictacceptorcheck yes
            gssapistorecredentialsonrekey no
            passwordauthentication yes
            kbdinteractiveauthentication yes
            printmotd yes
            printlastlog yes
            x11forwarding no
            x11uselocalhost yes
            permittty yes
            permituserrc yes
            strictmodes yes
            tcpkeepalive yes
            permitemptypasswords no
            compression yes
            gatewayports no
            usedns no
            allowtcpforwarding yes
            allowagentforwarding yes
            disableforwarding no
            allowstreamlocalforwarding yes
            streamlocalbindunlink no
            fingerprinthash SHA256
            exposeauthinfo no
            pidfile /run/sshd.pid
            modulifile /etc/ssh/moduli
            xauthlocation /usr/bin/xauth
            banner none
            forcecommand none
            chrootdirectory none
            trustedusercakeys none
            revokedkeys none
            securitykeyprovider internal
            authorizedprincipalsfile none
            versionaddendum none
            authorizedkeyscommand none
            authorizedkeyscommanduser none
            authorizedprincipalscommand none
            authorizedprincipalscommanduser none
            hostkeyagent none
            loglevel INFO
            syslogfacility AUTH
            authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2
            authenticationmethods any
            maxstartups 10:30:100
            persourcemaxstartups none
            persourcenetblocksize 32:128
            permittunnel no
            ipqos lowdelay throughput
            rekeylimit 0 0
            permitopen any
            permitlisten any
            permituserenvironment no
            pubkeyauthoptions none
            listenaddress [::]:22
            listenaddress 0.0.0.0:22
            hostkey /etc/ssh/ssh_host_rsa_key
            hostkey /etc/ssh/ssh_host_ecdsa_key
            hostkey /etc/ssh/ssh_host_ed25519_key
            """;

    private static final List<String> ALGORITHM_OPTIONS = List.of("ciphers", "macs", "kexalgorithms",
            "hostkeyalgorithms", "pubkeyacceptedalgorithms", "hostbasedacceptedalgorithms", "casignaturealgorithms");

    private final OpensshVersion version;
    private final Map<String, List<String>> values;

    private SshdDefaults(OpensshVersion version, Map<String, List<String>> values) {
        this.version = version;
        this.values = values;
    }

    public static SshdDefaults of(OpensshVersion v) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : TABLE_92.strip().split("\n")) {
            String l = line.strip();
            int sp = l.indexOf(' ');
            m.computeIfAbsent(l.substring(0, sp), k -> new ArrayList<>()).add(l.substring(sp + 1));
        }
        for (String a : ALGORITHM_OPTIONS) {
            m.put(a, List.of(String.join(",", Algorithms.defaults(a, v))));
        }
        if (!v.atLeast(7, 0)) {
            m.put("permitrootlogin", List.of("yes")); // prohibit-password became the default in 7.0
        }
        if (!v.atLeast(8, 7)) {
            // before 8.7 ChallengeResponseAuthentication was an option of its own (default yes)
            m.put("kbdinteractiveauthentication", List.of("no"));
            m.put("challengeresponseauthentication", List.of("yes"));
        }
        return new SshdDefaults(v, Map.copyOf(m));
    }

    public OpensshVersion version() {
        return version;
    }

    public Optional<List<String>> get(String option) {
        return Optional.ofNullable(values.get(option));
    }

    static boolean algorithmOption(String option) {
        return ALGORITHM_OPTIONS.contains(option);
    }
}
