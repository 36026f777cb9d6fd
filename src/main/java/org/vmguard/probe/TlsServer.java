package org.vmguard.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a TLS service showed: the protocol versions it accepted (of TLSv1, TLSv1.1, TLSv1.2,
 * TLSv1.3, in that order) and its leaf certificate. {@code names} are the certificate's
 * subjectAltName dNSName and iPAddress entries, or its subject CNs when it has no subjectAltName.
 */
public record TlsServer(List<String> protocolsAccepted, String subject, List<String> names, Instant notBefore,
        Instant notAfter, boolean selfSigned) {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6ISH = Pattern.compile("[0-9A-Fa-f:.]+");

    public TlsServer {
        protocolsAccepted = List.copyOf(protocolsAccepted);
        names = List.copyOf(names);
    }

    /** The certificate's validity ended before {@code now}. */
    public boolean expired(Instant now) {
        return now.isAfter(notAfter);
    }

    /**
     * Whether the certificate names {@code host} (RFC 6125 6.4): DNS names compare without
     * case and trailing dot; a wildcard counts only as the whole left-most label of a name with
     * at least two more labels and stands for exactly one label ("*.example.com" matches
     * "www.example.com", not "example.com" nor "a.b.example.com"; partial wildcards such as
     * "w*.example.com" match nothing, as RFC 9525 has it). An IP address matches only an
     * address entry, never a wildcard.
     */
    public boolean nameMatches(String host) {
        Optional<InetAddress> ip = ipLiteral(host);
        if (ip.isPresent()) {
            return names.stream().map(TlsServer::ipLiteral).flatMap(Optional::stream).anyMatch(ip.get()::equals);
        }
        String want = dns(host);
        if (want.isEmpty()) {
            return false;
        }
        for (String name : names) {
            if (ipLiteral(name).isPresent()) {
                continue;
            }
            String pattern = dns(name);
            if (pattern.equals(want)) {
                return true;
            }
            if (pattern.startsWith("*.") && pattern.indexOf('*', 1) < 0 && pattern.substring(2).contains(".")) {
                String rest = pattern.substring(1); // ".example.com"
                int dot = want.indexOf('.');
                if (dot > 0 && want.substring(dot).equals(rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String dns(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * The address an IP literal stands for; empty for anything else. Never asks DNS: only
     * strings made of address characters reach InetAddress, which parses those without a lookup.
     */
    static Optional<InetAddress> ipLiteral(String s) {
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.contains(":") && IPV6ISH.matcher(t).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // brackets make InetAddress expect an IPv6 literal: a malformed one is an error, not a lookup
            return Optional.of(InetAddress.getByName(v4 ? t : "[" + t + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The facts of a leaf certificate, with the protocols that were accepted. */
    static TlsServer of(List<String> protocols, X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if ((type == 2 || type == 7) && san.get(1) instanceof String v) {
                        names.add(v);
                    }
                }
            }
            if (sans == null) {
                names.addAll(commonNames(leaf));
            }
        } catch (CertificateParsingException e) {
            // an unreadable subjectAltName names nothing we can match
        }
        return new TlsServer(protocols, leaf.getSubjectX500Principal().getName(), names,
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), selfSigned(leaf));
    }

    private static List<String> commonNames(X509Certificate c) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String v) {
                    cns.add(v);
                }
            }
        } catch (InvalidNameException e) {
            // a subject the JDK printed but cannot read back names nothing
        }
        return cns;
    }

    /** Issued by itself: issuer = subject and its own key verifies its signature. */
    private static boolean selfSigned(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
