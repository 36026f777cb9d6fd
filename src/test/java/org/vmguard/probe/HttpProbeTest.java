package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.checks.probe.DefaultPages;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The HTTP probe against Debian's real apache2 and nginx on 127.0.0.1, each serving its
 * package's real default page the way Debian installs it (apache2-data's page as
 * /var/www/html/index.html, nginx-common's as index.nginx-debian.html), plus an nginx site of
 * its own, one that echoes the Host header, and the same default page over TLS.
 */
@Tag("slow")
class HttpProbeTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path tmp;

    static final List<Process> daemons = new ArrayList<>();
    static int apache;
    static int nginx;
    static int nginxTls;
    static int own;
    static int echo;

    @BeforeAll
    static void startServers() throws Exception {
        Tools.require("/usr/sbin/apache2");
        Tools.require("/usr/sbin/nginx");
        Tools.require("/usr/bin/openssl");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        apache = freePort();
        nginx = freePort();
        nginxTls = freePort();
        own = freePort();
        echo = freePort();

        Path apacheRoot = Files.createDirectories(tmp.resolve("apache-html"));
        Files.copy(Path.of("/usr/share/apache2/default-site/index.html"), apacheRoot.resolve("index.html"));
        Path apacheConf = tmp.resolve("apache2.conf");
        Files.writeString(apacheConf, """
                ServerRoot "%1$s"
                ServerName localhost
                LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
                LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
                LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
                LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
                TypesConfig /etc/mime.types
                User www-data
                Group www-data
                PidFile "%1$s/apache2.pid"
                ErrorLog "%1$s/apache2-error.log"
                DefaultRuntimeDir "%1$s"
                Mutex file:%1$s default
                StartServers 1
                ServerLimit 1
                ThreadsPerChild 4
                MinSpareThreads 1
                MaxSpareThreads 4
                MaxRequestWorkers 4
                Listen 127.0.0.1:%2$d
                DocumentRoot "%3$s"
                DirectoryIndex index.html
                <Directory "%3$s">
                    Require all granted
                </Directory>
                """.formatted(tmp, apache, apacheRoot));
        start(tmp.resolve("apache2.out"), "/usr/sbin/apache2", "-DFOREGROUND", "-f", apacheConf.toString());

        Path nginxRoot = Files.createDirectories(tmp.resolve("nginx-html"));
        Files.copy(Path.of("/usr/share/nginx/html/index.html"), nginxRoot.resolve("index.nginx-debian.html"));
        Path ownRoot = Files.createDirectories(tmp.resolve("own-html"));
        Files.writeString(ownRoot.resolve("index.html"), """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Example   Shop &amp; Café</title></head>
                <body><h1>Welcome</h1><p>We sell nginx stickers.</p></body></html>
                """);
        Netns.Result cert = Netns.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", tmp.resolve("tls.key").toString(), "-out",
                tmp.resolve("tls.pem").toString(), "-subj", "/CN=localhost", "-days", "2"));
        assertThat(cert.code()).as(cert.err()).isZero();
        Path nginxConf = tmp.resolve("nginx.conf");
        Files.writeString(nginxConf, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log;
                events { worker_connections 64; }
                http {
                    include /etc/nginx/mime.types;
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %1$s/tls.pem;
                        ssl_certificate_key %1$s/tls.key;
                        root %4$s;
                        index index.html index.htm index.nginx-debian.html;
                    }
                    server {
                        listen 127.0.0.1:%5$d;
                        root %6$s;
                    }
                    server {
                        listen 127.0.0.1:%7$d;
                        default_type text/html;
                        location = / { return 200 "<html><title>$host</title></html>"; }
                    }
                }
                """.formatted(tmp, nginx, nginxTls, nginxRoot, own, ownRoot, echo));
        start(tmp.resolve("nginx.out"), "/usr/sbin/nginx", "-e", tmp.resolve("nginx-error.log").toString(),
                "-c", nginxConf.toString());
        for (int port : new int[] {apache, nginx, nginxTls, own, echo}) {
            awaitListening(port);
        }
    }

    static void start(Path log, String... argv) throws IOException {
        daemons.add(new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Process p : daemons) {
            p.destroy(); // both stop their workers on SIGTERM
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    static void awaitListening(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + port + ": " + Files.readString(tmp.resolve("apache2.out"))
                + Files.readString(tmp.resolve("nginx.out")));
    }

    static HttpPage page(int port, String host, boolean tls) {
        Probed<HttpPage> p = HttpProbe.get(new InetSocketAddress(LOOPBACK, port), host, tls, TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<HttpPage>) p).value();
    }

    static String recognised(HttpPage p) {
        return DefaultPages.recognise(p.status(), p.title(), p.bodyStart()).orElse("(none)");
    }

    @Test
    void apachesDebianDefaultPageIsRecognised() throws IOException {
        HttpPage p = page(apache, "localhost", false);
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.server()).startsWith("Apache/2.4.").endsWith("(Debian)");
        assertThat(p.title()).isEqualTo("Apache2 Debian Default Page: It works");
        assertThat(p.bodyStart()).isEqualTo(Files.readString(Path.of("/usr/share/apache2/default-site/index.html")));
        assertThat(recognised(p)).isEqualTo("Debian Apache2 default page");
    }

    @Test
    void nginxsWelcomePageIsRecognisedOverHttpAndHttps() {
        HttpPage p = page(nginx, "localhost", false);
        assertThat(p.server()).startsWith("nginx/");
        assertThat(p.title()).isEqualTo("Welcome to nginx!");
        assertThat(recognised(p)).isEqualTo("nginx welcome page");
        HttpPage overTls = page(nginxTls, "localhost", true);
        assertThat(overTls).isEqualTo(p);
    }

    @Test
    void aSitesOwnPageIsNoDefaultPage() {
        HttpPage p = page(own, "shop.example", false);
        assertThat(p.title()).isEqualTo("Example Shop & Café");
        assertThat(recognised(p)).isEqualTo("(none)");
    }

    @Test
    void theHostHeaderIsTheOneAskedFor() {
        assertThat(page(echo, "www.example.org", false).title()).isEqualTo("www.example.org");
    }

    @Test
    void evidenceNamesTheRequestAndWhatCameBack() {
        var seen = (Probed.Seen<HttpPage>) HttpProbe.get(new InetSocketAddress(LOOPBACK, nginx), "localhost", false, TIMEOUT);
        assertThat(seen.evidence()).singleElement().satisfies(e -> {
            assertThat(e.command()).isEqualTo("http GET http://127.0.0.1:" + nginx + "/ (Host: localhost)");
            assertThat(e.text()).startsWith("HTTP/1.1 200 OK; Server: nginx/").endsWith("; title: Welcome to nginx!");
        });
    }

    @Test
    void askingForTlsOnAPlainPortIsAbsent() {
        assertThat(HttpProbe.get(new InetSocketAddress(LOOPBACK, nginx), "localhost", true, TIMEOUT))
                .isInstanceOfSatisfying(Probed.Absent.class, a -> assertThat(a.reason()).contains("not a TLS service"));
    }

    @Test
    void aClosedPortIsAbsent() throws IOException {
        assertThat(HttpProbe.get(new InetSocketAddress(LOOPBACK, freePort()), "localhost", false, TIMEOUT))
                .isInstanceOfSatisfying(Probed.Absent.class, a -> assertThat(a.reason()).contains("nothing accepts"));
    }
}
