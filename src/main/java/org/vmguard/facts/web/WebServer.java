package org.vmguard.facts.web;

import org.vmguard.core.Evidence;

/** One installed web server and what vmguard could read of its configuration. */
public sealed interface WebServer {

    String name();

    /** The program's path, as evidence that it is installed. */
    Evidence binary();

    record Apache(Evidence binary, ApacheConfig config) implements WebServer {
        @Override
        public String name() {
            return "Apache";
        }
    }

    /** @param version the installed package's version, empty when unknown */
    record Nginx(Evidence binary, NginxConfig config, String version) implements WebServer {
        @Override
        public String name() {
            return "nginx";
        }
    }

    /** Installed, but its configuration is missing or does not parse: checks report an error. */
    record Unreadable(String name, Evidence binary, String reason) implements WebServer {
    }
}
