package org.vmguard.facts.sshd;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sshd_config keyword as servconf.c knows it: the option it sets (the lowercase name
 * {@code sshd -T} prints), whether it may appear inside a Match block, and how its values
 * combine. Aliases map to the option of their modern name.
 *
 * @param name the keyword as the manual spells it
 * @param option the option it sets, lowercase, as {@code sshd -T} prints it
 * @param inMatch allowed inside a Match block
 * @param choices for {@link Kind#CHOICE}: accepted word → canonical value
 */
public record SshdKeyword(String name, String option, boolean inMatch, Kind kind, Map<String, String> choices) {

    /** How a keyword's arguments are read and how repeated lines combine. */
    public enum Kind {
        /** yes/no, first line wins. */
        FLAG,
        /** one word of a fixed set, first line wins. */
        CHOICE,
        /** a non-negative integer, first line wins. */
        INT,
        /** a time (120, 2m, 1h30m) in seconds, first line wins. */
        TIME,
        /** one argument, first line wins. */
        STRING,
        /** every argument of every line, in order (AllowUsers, AcceptEnv). */
        ACCUMULATE,
        /** every argument of the first line (AuthorizedKeysFile, AuthenticationMethods). */
        FIRST_LINE,
        /** one argument per line, every line counts (Port, HostKey, ListenAddress). */
        REPEATED,
        /** the last line wins (MaxStartups and its siblings have no "already set" test). */
        LAST,
        /** an algorithm list with +, - and ^ prefixes, first line wins. */
        ALGORITHMS,
        /** read and ignored (deprecated, unsupported in this build). */
        IGNORED,
        /** Subsystem NAME COMMAND…: one per name. */
        SUBSYSTEM,
        MATCH,
        INCLUDE
    }

    private static final Map<String, SshdKeyword> BY_WORD = new HashMap<>();

    private static final Map<String, String> YES_NO = Map.of("yes", "yes", "no", "no");

    static {
        // Portable and standard options of OpenSSH 9.x (servconf.c's keywords[] table).
        flag("UsePAM", false);
        ignored("PAMAuthenticationViaKbdInt", false);
        repeated("Port", "port", false);
        repeated("HostKey", "hostkey", false);
        alias("HostDSAKey", "HostKey", false);
        string("HostKeyAgent", false);
        string("PidFile", false);
        string("ModuliFile", false);
        ignored("ServerKeyBits", false);
        time("LoginGraceTime", false);
        ignored("KeyRegenerationInterval", false);
        choice("PermitRootLogin", true, Map.of("without-password", "prohibit-password",
                "prohibit-password", "prohibit-password", "forced-commands-only", "forced-commands-only",
                "yes", "yes", "no", "no"));
        choice("SyslogFacility", false, facilities());
        choice("LogLevel", true, levels());
        firstLine("LogVerbose", true);
        ignored("RhostsAuthentication", false);
        ignored("RhostsRSAAuthentication", true);
        flag("HostbasedAuthentication", true);
        flag("HostbasedUsesNameFromPacketOnly", true);
        algorithms("HostbasedAcceptedAlgorithms", true);
        alias("HostbasedAcceptedKeyTypes", "HostbasedAcceptedAlgorithms", true);
        algorithms("HostKeyAlgorithms", false);
        ignored("RSAAuthentication", true);
        flag("PubkeyAuthentication", true);
        algorithms("PubkeyAcceptedAlgorithms", true);
        alias("PubkeyAcceptedKeyTypes", "PubkeyAcceptedAlgorithms", true);
        firstLine("PubkeyAuthOptions", true);
        alias("DSAAuthentication", "PubkeyAuthentication", false);
        flag("KerberosAuthentication", true);
        flag("KerberosOrLocalPasswd", false);
        flag("KerberosTicketCleanup", false);
        ignored("KerberosGetAFSToken", false);
        ignored("KerberosTgtPassing", false);
        ignored("AFSTokenPassing", false);
        flag("GSSAPIAuthentication", true);
        flag("GSSAPICleanupCredentials", false);
        flag("GSSAPIStrictAcceptorCheck", false);
        flag("PasswordAuthentication", true);
        flag("KbdInteractiveAuthentication", true);
        alias("ChallengeResponseAuthentication", "KbdInteractiveAuthentication", true);
        alias("SkeyAuthentication", "KbdInteractiveAuthentication", true);
        ignored("CheckMail", false);
        repeated("ListenAddress", "listenaddress", false);
        choice("AddressFamily", false, Map.of("inet", "inet", "inet6", "inet6", "any", "any"));
        flag("PrintMotd", false);
        flag("PrintLastLog", false);
        choice("IgnoreRhosts", true, Map.of("yes", "yes", "no", "no", "shosts-only", "shosts-only"));
        flag("IgnoreUserKnownHosts", false);
        flag("X11Forwarding", true);
        intValue("X11DisplayOffset", true);
        flag("X11UseLocalhost", true);
        string("XAuthLocation", false);
        flag("StrictModes", false);
        flag("PermitEmptyPasswords", true);
        string("PermitUserEnvironment", false); // yes, no or a pattern list
        ignored("UseLogin", false);
        choice("Compression", false, Map.of("yes", "yes", "delayed", "yes", "no", "no"));
        firstLine("RekeyLimit", true);
        flag("TCPKeepAlive", false);
        alias("KeepAlive", "TCPKeepAlive", false);
        choice("AllowTcpForwarding", true, Map.of("yes", "yes", "all", "yes", "no", "no", "remote", "remote",
                "local", "local"));
        flag("AllowAgentForwarding", true);
        accumulate("AllowUsers", true);
        accumulate("DenyUsers", true);
        accumulate("AllowGroups", true);
        accumulate("DenyGroups", true);
        algorithms("Ciphers", false);
        algorithms("MACs", false);
        ignored("Protocol", false);
        choice("GatewayPorts", true, Map.of("clientspecified", "clientspecified", "yes", "yes", "no", "no"));
        put(new SshdKeyword("Subsystem", "subsystem", false, Kind.SUBSYSTEM, Map.of()));
        last("MaxStartups", false);
        last("PerSourceMaxStartups", false);
        last("PerSourceNetBlockSize", false);
        intValue("MaxAuthTries", true);
        intValue("MaxSessions", true);
        string("Banner", true);
        flag("UseDNS", false);
        ignored("VerifyReverseMapping", false);
        ignored("ReverseMappingCheck", false);
        time("ClientAliveInterval", true);
        intValue("ClientAliveCountMax", true);
        firstLine("AuthorizedKeysFile", true);
        ignored("AuthorizedKeysFile2", true);
        ignored("UsePrivilegeSeparation", false);
        accumulate("AcceptEnv", true);
        firstLine("SetEnv", true);
        choice("PermitTunnel", true, Map.of("yes", "yes", "point-to-point", "point-to-point",
                "ethernet", "ethernet", "no", "no"));
        flag("PermitTTY", true);
        flag("PermitUserRC", true);
        put(new SshdKeyword("Match", "match", true, Kind.MATCH, Map.of()));
        firstLine("PermitOpen", true);
        firstLine("PermitListen", true);
        string("ForceCommand", true);
        string("ChrootDirectory", true);
        repeated("HostCertificate", "hostcertificate", false);
        string("RevokedKeys", true);
        string("TrustedUserCAKeys", true);
        string("AuthorizedPrincipalsFile", true);
        algorithms("KexAlgorithms", false);
        put(new SshdKeyword("Include", "include", true, Kind.INCLUDE, Map.of()));
        firstLine("IPQoS", true);
        string("AuthorizedKeysCommand", true);
        string("AuthorizedKeysCommandUser", true);
        string("AuthorizedPrincipalsCommand", true);
        string("AuthorizedPrincipalsCommandUser", true);
        string("VersionAddendum", false);
        firstLine("AuthenticationMethods", true);
        string("StreamLocalBindMask", true);
        flag("StreamLocalBindUnlink", true);
        choice("AllowStreamLocalForwarding", true, Map.of("yes", "yes", "all", "yes", "no", "no",
                "remote", "remote", "local", "local"));
        choice("FingerprintHash", false, Map.of("md5", "MD5", "sha256", "SHA256"));
        flag("DisableForwarding", true);
        flag("ExposeAuthInfo", true);
        string("RDomain", true);
        algorithms("CASignatureAlgorithms", true);
        string("SecurityKeyProvider", false);
        intValue("RequiredRSASize", true);
        firstLine("ChannelTimeout", true);
        time("UnusedConnectionTimeout", true);
        // Newer upstream releases (9.8 and later).
        firstLine("PerSourcePenalties", false);
        string("PerSourcePenaltyExemptList", false);
        string("SshdSessionPath", false);
        string("SshdAuthPath", false);
        flag("RefuseConnection", true);
        string("PAMServiceName", true);
        flag("GSSAPIDelegateCredentials", false);
        // Distribution patches: Debian (DebianBanner, GSSAPI key exchange) and RHEL.
        flag("DebianBanner", false);
        flag("GSSAPIKeyExchange", false);
        flag("GSSAPIStoreCredentialsOnRekey", false);
        string("GSSAPIKexAlgorithms", false);
        flag("GSSAPIEnablek5users", true);
        ignored("KerberosUseKuserok", true);
    }

    private static Map<String, String> facilities() {
        Map<String, String> m = new HashMap<>();
        for (String f : List.of("DAEMON", "USER", "AUTH", "AUTHPRIV", "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3",
                "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7")) {
            m.put(f.toLowerCase(Locale.ROOT), f);
        }
        return m;
    }

    private static Map<String, String> levels() {
        Map<String, String> m = new HashMap<>();
        for (String l : List.of("QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG", "DEBUG2", "DEBUG3")) {
            m.put(l.toLowerCase(Locale.ROOT), l);
        }
        m.put("debug1", "DEBUG"); // one level, printed by its first name
        return m;
    }

    private static void put(SshdKeyword k) {
        BY_WORD.put(k.name.toLowerCase(Locale.ROOT), k);
    }

    private static String opt(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void flag(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.FLAG, YES_NO));
    }

    private static void choice(String name, boolean inMatch, Map<String, String> choices) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.CHOICE, choices));
    }

    private static void intValue(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.INT, Map.of()));
    }

    private static void time(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.TIME, Map.of()));
    }

    private static void string(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.STRING, Map.of()));
    }

    private static void accumulate(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.ACCUMULATE, Map.of()));
    }

    private static void firstLine(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.FIRST_LINE, Map.of()));
    }

    private static void repeated(String name, String option, boolean inMatch) {
        put(new SshdKeyword(name, option, inMatch, Kind.REPEATED, Map.of()));
    }

    private static void last(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.LAST, Map.of()));
    }

    private static void algorithms(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.ALGORITHMS, Map.of()));
    }

    private static void ignored(String name, boolean inMatch) {
        put(new SshdKeyword(name, opt(name), inMatch, Kind.IGNORED, Map.of()));
    }

    /** An alias sets the option of {@code target} but keeps its own Match permission. */
    private static void alias(String name, String target, boolean inMatch) {
        SshdKeyword t = BY_WORD.get(target.toLowerCase(Locale.ROOT));
        put(new SshdKeyword(name, t.option, inMatch, t.kind, t.choices));
    }

    /** The keyword for a word as written, case-insensitively. */
    public static Optional<SshdKeyword> of(String word) {
        return Optional.ofNullable(BY_WORD.get(word.toLowerCase(Locale.ROOT)));
    }

    /** The manual's spelling of an option ("passwordauthentication" → "PasswordAuthentication"). */
    public static String displayName(String option) {
        SshdKeyword k = BY_WORD.get(option);
        return k == null ? option : k.name;
    }
}
