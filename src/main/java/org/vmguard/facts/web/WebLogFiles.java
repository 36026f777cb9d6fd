package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.target.FileStat;

/**
 * The web servers' log files that exist: those the configurations name (ErrorLog, CustomLog,
 * access_log, error_log, with the compiled-in defaults) and every file in the usual log directories.
 */
public record WebLogFiles(List<LogFile> files) {

    public static final FactKey<WebLogFiles> KEY = FactKey.of("web log files", WebLogFiles::load);

    static final List<String> DIRS = List.of("/var/log/apache2", "/var/log/httpd", "/var/log/nginx");

    /** @param configured the configuration line that names it, or a note */
    public record LogFile(String path, String mode, boolean worldReadable, Evidence configured) {
    }

    public WebLogFiles {
        files = List.copyOf(files);
    }

    public static WebLogFiles load(Host host) {
        Map<String, Evidence> paths = new LinkedHashMap<>();
        for (WebServer s : host.fact(WebServers.KEY).servers()) {
            switch (s) {
                case WebServer.Apache a -> ApacheSettings.logs(a.config()).forEach(l -> paths.putIfAbsent(l.path(), l.where()));
                case WebServer.Nginx n -> NginxSettings.logs(n.config()).forEach(l -> paths.putIfAbsent(l.path(), l.where()));
                case WebServer.Unreadable u -> {
                }
            }
        }
        for (String d : DIRS) {
            for (String name : host.list(d)) {
                paths.putIfAbsent(d + "/" + name, Evidence.file(d, "in the web server's log directory"));
            }
        }
        List<LogFile> out = new ArrayList<>();
        for (Map.Entry<String, Evidence> e : paths.entrySet()) {
            Optional<FileStat> st = host.stat(e.getKey());
            if (st.isPresent() && st.get().isRegularFile()) {
                out.add(new LogFile(e.getKey(), st.get().octal(), st.get().worldReadable(), e.getValue()));
            }
        }
        return new WebLogFiles(out);
    }
}
