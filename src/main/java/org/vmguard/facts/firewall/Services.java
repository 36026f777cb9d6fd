package org.vmguard.facts.firewall;

import java.util.Map;
import org.vmguard.facts.ParseError;

/** Service names that firewall rules accept in place of port numbers (the common part of /etc/services). */
public final class Services {

    static final Map<String, Integer> PORTS = Map.ofEntries(Map.entry("ssh", 22), Map.entry("ftp", 21),
            Map.entry("ftp-data", 20), Map.entry("telnet", 23), Map.entry("smtp", 25), Map.entry("domain", 53),
            Map.entry("dns", 53), Map.entry("http", 80), Map.entry("www", 80), Map.entry("https", 443),
            Map.entry("pop3", 110), Map.entry("imap", 143), Map.entry("imap2", 143), Map.entry("ntp", 123),
            Map.entry("snmp", 161), Map.entry("ldap", 389), Map.entry("ldaps", 636), Map.entry("submission", 587),
            Map.entry("submissions", 465), Map.entry("imaps", 993), Map.entry("pop3s", 995),
            Map.entry("mysql", 3306), Map.entry("postgresql", 5432), Map.entry("rsync", 873),
            Map.entry("microsoft-ds", 445), Map.entry("netbios-ssn", 139), Map.entry("sunrpc", 111),
            Map.entry("x11", 6000), Map.entry("redis", 6379), Map.entry("kerberos", 88), Map.entry("bootps", 67),
            Map.entry("bootpc", 68), Map.entry("tftp", 69), Map.entry("syslog", 514), Map.entry("ms-wbt-server", 3389),
            Map.entry("http-alt", 8080), Map.entry("openvpn", 1194), Map.entry("smtps", 465));

    private Services() {
    }

    public static int port(String path, int line, String s) {
        Integer named = PORTS.get(s.toLowerCase(java.util.Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new ParseError(path, line, "port out of range: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ParseError(path, line, "unknown port or service name: " + s);
        }
    }
}
