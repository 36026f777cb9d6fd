package org.vmguard.facts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Mutations;

/**
 * Seeded random and mutated input never makes the Apache or nginx readers, or the settings the
 * checks derive from them, throw anything but our ParseError naming a file and a line.
 */
class WebReadersPropertyTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 20).mapToObj(i -> 7000L + i);
    }

    static final Path RES = Path.of("src/test/resources/web/debian12/etc");

    static List<String> corpus(String sub) throws Exception {
        try (var walk = Files.walk(RES.resolve(sub))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toFile().length() < 20_000).map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    return "";
                }
            }).toList();
        }
    }

    static final String APACHE_EXTRA = "<VirtualHost *:443>\nSSLEngine on\nSSLProtocol all -SSLv3 \\\n +TLSv1.2\n"
            + "DocumentRoot \"/srv/a b\"\n<Directory /srv/>\nOptions +Indexes -ExecCGI\n</Directory>\n"
            + "CustomLog ${APACHE_LOG_DIR}/x.log combined\n</VirtualHost>\n<IfModule !mod_x.c>\nServerTokens Prod\n"
            + "</IfModule>\n<IfDefine X>\nUserDir disabled\n</IfDefine>\n<IfVersion >= 2.4>\nAlias /a /srv/a\n</IfVersion>\n";

    static final String NGINX_EXTRA = "http {\n server_tokens off;\n server {\n  listen 443 ssl;\n"
            + "  ssl_protocols TLSv1.2;\n  location / { autoindex on; root \"/srv/x\"; }\n  access_log /var/log/x.log;\n }\n}\n";

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedApacheFilesGiveAConfigurationOrOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> files = corpus("apache2");
        for (int i = 0; i < 150; i++) {
            String text = Mutations.mutate(r, r.nextInt(4) == 0 ? APACHE_EXTRA : files.get(r.nextInt(files.size())));
            try {
                var tree = ApacheFile.parse("/etc/apache2/x.conf", text);
                ApacheConfig c = new ApacheConfig("/etc/apache2/x.conf", "/etc/apache2", List.of(), java.util.Map.of(
                        "ssl_module", org.vmguard.core.Evidence.note("x")), tree);
                for (ApacheSettings.Served s : ApacheSettings.served(c)) {
                    ApacheSettings.options(c, s.dir(), s.vhost());
                }
                ApacheSettings.tls(c);
                ApacheSettings.logs(c);
                ApacheSettings.directoryIndex(c);
            } catch (ParseError e) {
                assertThat(e.path()).isEqualTo("/etc/apache2/x.conf");
                assertThat(e.line()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedNginxFilesGiveAConfigurationOrOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> files = corpus("nginx");
        for (int i = 0; i < 150; i++) {
            String text = Mutations.mutate(r, r.nextInt(3) == 0 ? NGINX_EXTRA : files.get(r.nextInt(files.size())));
            try {
                NginxConfig c = new NginxConfig("/etc/nginx/nginx.conf", List.of(), NginxConfig.parse("/etc/nginx/nginx.conf", text));
                NginxSettings.serverTokens(c);
                NginxSettings.autoindex(c);
                NginxSettings.tls(c, "1.22.1-9");
                NginxSettings.logs(c);
                NginxSettings.roots(c);
            } catch (ParseError e) {
                assertThat(e.path()).isEqualTo("/etc/nginx/nginx.conf");
                assertThat(e.line()).isPositive();
            }
        }
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** The whole evaluation (includes, IfModule, IfVersion, Define) over Debian's tree with one file mutated. */
    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedDebianTreesEvaluateOrGiveOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        org.vmguard.testing.Tree t = new org.vmguard.testing.Tree(dir).resources("web/debian12");
        List<String> targets = List.of("/etc/apache2/apache2.conf", "/etc/apache2/ports.conf",
                "/etc/apache2/sites-enabled/000-default.conf", "/etc/apache2/conf-enabled/security.conf",
                "/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled/default");
        for (int i = 0; i < 8; i++) {
            String f = targets.get(r.nextInt(targets.size()));
            String orig = Files.readString(t.at(f));
            t.file(f, Mutations.mutate(r, orig + (f.contains("apache") ? APACHE_EXTRA : "")));
            try {
                if (f.contains("apache")) {
                    ApacheConfig c = ApacheConfig.read(t.host(), "/etc/apache2/apache2.conf", "/etc/apache2",
                            ApacheConfig.envvars(t.host(), "/etc/apache2/envvars"), java.util.Set.of());
                    for (ApacheSettings.Served s : ApacheSettings.served(c)) {
                        ApacheSettings.options(c, s.dir(), s.vhost());
                    }
                    ApacheSettings.tls(c);
                } else {
                    NginxConfig c = NginxConfig.read(t.host(), "/etc/nginx/nginx.conf");
                    NginxSettings.tls(c, "1.22.1-9");
                    NginxSettings.roots(c);
                }
            } catch (ParseError e) {
                assertThat(e.path()).startsWith("/etc/");
            }
            t.file(f, orig);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomTokenSoupNeverEscapes(long seed) {
        Random r = new Random(seed);
        String[] atoms = {"<", ">", "</", "{", "}", ";", "\"", "'", "\\", "\n", " ", "#", "${", "include", "Include",
            "IfModule", "VirtualHost", "Directory", "Options", "+Indexes", "-", "server", "location", "ssl", "x"};
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(60);
            for (int k = 0; k < n; k++) {
                b.append(atoms[r.nextInt(atoms.length)]);
            }
            try {
                ApacheFile.parse("/a.conf", b.toString());
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith("/a.conf:");
            }
            try {
                NginxConfig.parse("/n.conf", b.toString());
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith("/n.conf:");
            }
        }
    }
}
