package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vmguard.probe.HttpPage;

/**
 * The real pages of Debian's packages (read from the installed apache2-data and nginx-common,
 * lighttpd's from a copy of its package file), Ubuntu's page as Ubuntu derives it from Debian's,
 * and the Red Hat family's titles as their servers present them.
 */
class DefaultPagesTest {

    static final Path APACHE = Path.of("/usr/share/apache2/default-site/index.html");
    static final Path NGINX = Path.of("/usr/share/nginx/html/index.html");

    static String installed(Path page) throws IOException {
        if (!Files.isRegularFile(page)) {
            String msg = "needs " + page + " (apache2 and nginx in scripts/test-packages.txt)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            assumeTrue(false, msg);
        }
        return Files.readString(page);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DefaultPagesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String recognised(int status, String html) {
        return DefaultPages.recognise(status, HttpPage.titleOf(html), html).orElse("(none)");
    }

    @Test
    void debiansApache2PageIsNamed() throws IOException {
        assertThat(recognised(200, installed(APACHE))).isEqualTo("Debian Apache2 default page");
    }

    @Test
    void debiansNginxPageIsNamed() throws IOException {
        assertThat(recognised(200, installed(NGINX))).isEqualTo("nginx welcome page");
    }

    @Test
    void debiansLighttpdPlaceholderIsNamed() throws IOException {
        assertThat(recognised(200, resource("lighttpd_1.4.69-1-index.html"))).isEqualTo("lighttpd placeholder");
    }

    @Test
    void ubuntusApache2PageIsNamedAsUbuntusNotDebians() throws IOException {
        // Ubuntu's apache2 ships Debian's page with "Debian" replaced by "Ubuntu" (and its logo)
        String ubuntu = installed(APACHE).replace("Debian", "Ubuntu");
        assertThat(HttpPage.titleOf(ubuntu)).isEqualTo("Apache2 Ubuntu Default Page: It works");
        assertThat(recognised(200, ubuntu)).isEqualTo("Ubuntu Apache2 default page");
    }

    @Test
    void theRedHatFamilysTestPagesAreNamedAlsoWhenServedWith403() {
        for (String title : new String[] {
            "Test Page for the Apache HTTP Server on Red Hat Enterprise Linux",
            "Test Page for the Apache HTTP Server on Fedora",
            "Apache HTTP Server Test Page powered by CentOS",
            "HTTP Server Test Page powered by CentOS",
            "HTTP Server Test Page powered by: Rocky Linux",
            "HTTP Server Test Page powered by: Red Hat Enterprise Linux",
            "Test Page for the Nginx HTTP Server on Fedora",
            "Welcome to nginx on Red Hat Enterprise Linux!",
        }) {
            assertThat(DefaultPages.recognise(403, title, "")).as(title).contains("Red Hat/CentOS test page");
            assertThat(DefaultPages.recognise(200, title, "")).as(title).contains("Red Hat/CentOS test page");
        }
    }

    @Test
    void aControlPanelsLookalikeIsNotTheDistributionsPage() {
        assertThat(DefaultPages.recognise(200, "HTTP Server Test Page powered by CentOS-WebPanel.com", "")).isEmpty();
    }

    @Test
    void theBodyAloneIsEnoughWhenTheTitleIsMissingOrReflowed() throws IOException {
        String body = installed(APACHE).replaceAll("\\s+", "\n  ");
        assertThat(DefaultPages.recognise(200, "", body)).contains("Debian Apache2 default page");
    }

    @Test
    void aSitesOwnPageIsNoDefaultPage() throws IOException {
        String own = """
                <!doctype html><html><head><title>Example Shop</title></head>
                <body><h1>Welcome</h1><p>We sell nginx stickers.</p></body></html>""";
        assertThat(DefaultPages.recognise(200, HttpPage.titleOf(own), own)).isEmpty();
        assertThat(DefaultPages.recognise(200, "", "")).isEmpty();
        assertThat(DefaultPages.recognise(200, null, null)).isEmpty();
    }

    @Test
    void aDefaultPagesTextOnAnErrorStatusIsNotTheServedDefaultPage() throws IOException {
        assertThat(recognised(500, installed(NGINX))).isEqualTo("(none)");
        assertThat(recognised(404, installed(APACHE))).isEqualTo("(none)");
    }
}
