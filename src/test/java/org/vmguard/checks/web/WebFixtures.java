package org.vmguard.checks.web;

import java.nio.file.Path;
import org.vmguard.testing.Tree;

/** Hosts built from the pristine files of Debian 12's apache2 and nginx packages (src/test/resources/web/debian12). */
final class WebFixtures {

    private WebFixtures() {
    }

    /** apache2 installed with its package defaults (as after apt-get install: modules and 000-default enabled). */
    static Tree apache(Path dir) {
        Tree t = new Tree(dir).resources("web/debian12").file("/usr/sbin/apache2", "");
        logs(t);
        return t;
    }

    static Tree nginx(Path dir) {
        Tree t = new Tree(dir).resources("web/debian12").file("/usr/sbin/nginx", "");
        try {
            java.nio.file.Files.delete(t.at("/var/www/html/index.html")); // apache2's page; nginx's alone remains
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        logs(t);
        return t;
    }

    static Tree both(Path dir) {
        return apache(dir).file("/usr/sbin/nginx", "");
    }

    private static void logs(Tree t) {
        t.file("/var/log/apache2/access.log", "").mode("/var/log/apache2/access.log", "rw-r-----")
                .file("/var/log/apache2/error.log", "").mode("/var/log/apache2/error.log", "rw-r-----")
                .file("/var/log/nginx/access.log", "").mode("/var/log/nginx/access.log", "rw-r-----")
                .file("/var/log/nginx/error.log", "").mode("/var/log/nginx/error.log", "rw-r-----");
    }

    /** Enables a Debian module the way a2enmod does (a copy stands in for the symlink). */
    static Tree enableModule(Tree t, String... files) {
        for (String f : files) {
            try {
                t.file("/etc/apache2/mods-enabled/" + f,
                        java.nio.file.Files.readString(t.at("/etc/apache2/mods-available/" + f)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return t;
    }

    static Tree enableSslSite(Tree t) {
        enableModule(t, "ssl.load", "ssl.conf", "socache_shmcb.load");
        try {
            t.file("/etc/apache2/sites-enabled/default-ssl.conf",
                    java.nio.file.Files.readString(t.at("/etc/apache2/sites-available/default-ssl.conf")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return t;
    }
}
