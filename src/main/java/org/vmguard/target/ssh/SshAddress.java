package org.vmguard.target.ssh;

/**
 * A host as the user names it: {@code [USER@]HOST[:PORT]} on the command line ({@code [::1]:2222}
 * for IPv6), or an inventory entry.
 *
 * @param name what reports call the host (the inventory name, or what was typed)
 * @param user null to take it from ssh_config or the local user
 * @param port 0 to take it from ssh_config or 22
 */
public record SshAddress(String name, String user, String host, int port) {

    public SshAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host name in '" + name + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range in '" + name + "'");
        }
    }

    public static SshAddress parse(String text) {
        String s = text.strip();
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
            if (user.isEmpty()) {
                throw new IllegalArgumentException("empty user name in '" + text + "'");
            }
        }
        String host = s;
        int port = 0;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in '" + text + "'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected :PORT after ] in '" + text + "'");
                }
                port = port(rest.substring(1), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), text);
        }
        return new SshAddress(text.strip(), user, host, port);
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a port number in '" + text + "'");
        }
    }
}
