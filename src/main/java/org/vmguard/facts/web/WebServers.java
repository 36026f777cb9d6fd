package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/** The web servers installed on a host (Apache httpd, nginx), each with its configuration read. */
public record WebServers(List<WebServer> servers) {

    public static final FactKey<WebServers> KEY = FactKey.of("web servers", WebServers::load);

    public static final List<String> APACHE_BINARIES = List.of("/usr/sbin/apache2", "/usr/sbin/httpd");
    public static final String NGINX_BINARY = "/usr/sbin/nginx";

    public WebServers {
        servers = List.copyOf(servers);
    }

    public static WebServers load(Host host) {
        List<WebServer> out = new ArrayList<>();
        for (String b : APACHE_BINARIES) {
            if (host.stat(b).isPresent()) {
                Evidence ev = Evidence.file(b, "Apache httpd is installed");
                try {
                    out.add(ApacheConfig.load(host).<WebServer>map(c -> new WebServer.Apache(ev, c))
                            .orElse(new WebServer.Unreadable("Apache", ev,
                                    "no /etc/apache2/apache2.conf or /etc/httpd/conf/httpd.conf")));
                } catch (FactException e) {
                    out.add(new WebServer.Unreadable("Apache", ev, e.getMessage()));
                }
                break;
            }
        }
        if (host.stat(NGINX_BINARY).isPresent()) {
            Evidence ev = Evidence.file(NGINX_BINARY, "nginx is installed");
            try {
                String version = nginxVersion(host);
                out.add(NginxConfig.load(host).<WebServer>map(c -> new WebServer.Nginx(ev, c, version))
                        .orElse(new WebServer.Unreadable("nginx", ev, "no " + NginxConfig.MAIN)));
            } catch (FactException e) {
                out.add(new WebServer.Unreadable("nginx", ev, e.getMessage()));
            }
        }
        return new WebServers(out);
    }

    /** The nginx package's version from dpkg or rpm, empty when unknown (then nginx 1.22's defaults apply). */
    static String nginxVersion(Host host) {
        try {
            var pk = host.fact(org.vmguard.facts.packages.InstalledPackages.KEY);
            for (String n : List.of("nginx", "nginx-common", "nginx-core", "nginx-light", "nginx-full")) {
                var p = pk.find(n);
                if (p.isPresent()) {
                    return p.get().version();
                }
            }
        } catch (FactException e) {
            // unknown: the older, weaker default is assumed and said so in the evidence
        }
        return "";
    }

    public boolean none() {
        return servers.isEmpty();
    }

    /** The first unreadable server's reason, if any: a check cannot judge what it could not read. */
    public java.util.Optional<String> unreadable() {
        return servers.stream().filter(s -> s instanceof WebServer.Unreadable).map(s -> {
            WebServer.Unreadable u = (WebServer.Unreadable) s;
            return u.name() + ": " + u.reason();
        }).findFirst();
    }

    public static final String NONE = "no web server is installed (no /usr/sbin/apache2, /usr/sbin/httpd or /usr/sbin/nginx)";
}
