package org.vmguard.checks.probe;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to recognise the pages web server packages install as a placeholder: the knowledge is the
 * table {@link #PAGES}, matched against a page's status, title and body start.
 */
public final class DefaultPages {

    /**
     * One distribution's placeholder: a match of any title pattern (against the title) or any
     * body phrase (contained in the body, case as shipped, runs of whitespace as one space) with one of the statuses it is served
     * with.
     */
    record Page(String name, Set<Integer> statuses, List<Pattern> titles, List<String> phrases) {
    }

    private static Pattern title(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /**
     * Sources: Debian 12's apache2-data (/usr/share/apache2/default-site/index.html),
     * nginx-common (/usr/share/nginx/html/index.html, the upstream page Debian also installs as
     * /var/www/html/index.nginx-debian.html) and lighttpd (/usr/share/lighttpd/index.html);
     * Ubuntu's apache2 changes the Debian page's title and text to "Ubuntu"; Red Hat's family
     * serves its test page with 403 through welcome.conf (httpd 2.2/2.4 on RHEL 6/7, CentOS 7,
     * Fedora; system-logos-httpd's "HTTP Server Test Page powered by: …" on RHEL 8+, CentOS
     * Stream, Rocky, AlmaLinux, also used by their nginx).
     */
    static final List<Page> PAGES = List.of(
            new Page("Debian Apache2 default page", Set.of(200),
                    List.of(title("^Apache2 Debian Default Page\\b")),
                    List.of("after installation on Debian systems")),
            new Page("Ubuntu Apache2 default page", Set.of(200),
                    List.of(title("^Apache2 Ubuntu Default Page\\b")),
                    List.of("after installation on Ubuntu systems")),
            new Page("nginx welcome page", Set.of(200),
                    List.of(title("^Welcome to nginx!$")),
                    List.of("If you see this page, the nginx web server is successfully installed")),
            new Page("Red Hat/CentOS test page", Set.of(200, 403),
                    List.of(title("^Test Page for the (Apache|Nginx) HTTP Server on (Red Hat Enterprise Linux|Fedora|CentOS|Scientific Linux)"),
                            title("^(Apache )?HTTP Server Test Page powered by:? ?(CentOS|Red Hat Enterprise Linux|Rocky Linux|AlmaLinux|Fedora|Oracle Linux)\\b(?!-WebPanel)"),
                            title("^Welcome to nginx on (Red Hat Enterprise Linux|Fedora|EPEL)!")),
                    List.of()),
            new Page("lighttpd placeholder", Set.of(200),
                    List.of(),
                    List.of("This is a placeholder page installed by the Debian release of the")));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DefaultPages() {
    }

    /**
     * Which distribution default page this is ("Debian Apache2 default page", "nginx welcome
     * page", "Ubuntu Apache2 default page", "Red Hat/CentOS test page", "lighttpd placeholder"),
     * empty when none.
     */
    public static Optional<String> recognise(int status, String title, String body) {
        String t = title == null ? "" : title.strip();
        // phrases are matched across the page's own line breaks and indentation
        String b = body == null ? "" : WHITESPACE.matcher(body).replaceAll(" ");
        for (Page p : PAGES) {
            if (!p.statuses().contains(status)) {
                continue;
            }
            boolean byTitle = !t.isEmpty() && p.titles().stream().anyMatch(r -> r.matcher(t).find());
            boolean byBody = p.phrases().stream().anyMatch(b::contains);
            if (byTitle || byBody) {
                return Optional.of(p.name());
            }
        }
        return Optional.empty();
    }
}
