package org.vmguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudConfigTest {

    @TempDir
    Path dir;

    Path cwd() throws Exception {
        return Files.createDirectories(dir.resolve("work"));
    }

    Path home() throws Exception {
        return Files.createDirectories(dir.resolve("home"));
    }

    void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static final String CLOUDS = """
            clouds:
              nectar:
                auth:
                  auth_url: https://keystone.example.org:5000/v3/
                  username: alice@example.org
                  project_name: pt-1234
                  user_domain_name: Default
                  project_domain_id: default
                region_name: Melbourne
                interface: public
                identity_api_version: 3
            """;

    @Test
    void theCurrentDirectoryWinsOverTheUsersConfigAndSecureYamlIsMergedIn() throws Exception {
        write(home().resolve(".config/openstack/clouds.yaml"), CLOUDS.replace("Melbourne", "Sydney"));
        write(cwd().resolve("clouds.yaml"), CLOUDS);
        write(home().resolve(".config/openstack/secure.yaml"), "clouds:\n  nectar:\n    auth:\n      password: pw-from-secure\n");
        Credentials c = new CloudConfig(Map.of(), cwd(), home()).resolve("nectar", null);
        assertThat(c.region()).isEqualTo("Melbourne");
        assertThat(c.password().reveal()).isEqualTo("pw-from-secure");
        assertThat(c.source()).contains(cwd().resolve("clouds.yaml").toString(), "secure.yaml");
        assertThat(c.projectDomainId()).isEqualTo("default");
        assertThat(c.toString()).doesNotContain("pw-from-secure");
    }

    @Test
    void theUsersConfigIsFoundWhenTheCurrentDirectoryHasNone() throws Exception {
        write(home().resolve(".config/openstack/clouds.yaml"), CLOUDS.replace("username", "password: pw\n      username"));
        Credentials c = new CloudConfig(Map.of("OS_CLOUD", "nectar"), cwd(), home()).resolve(null, null);
        assertThat(c.source()).contains(".config/openstack/clouds.yaml");
    }

    @Test
    void osClientConfigFileComesFirstAndTheRegionCanBeOverridden() throws Exception {
        Path special = dir.resolve("special.yaml");
        write(special, CLOUDS.replace("username", "password: pw\n      username"));
        Credentials c = new CloudConfig(Map.of("OS_CLIENT_CONFIG_FILE", special.toString(), "OS_REGION_NAME", "Perth"),
                cwd(), home()).resolve("nectar", null);
        assertThat(c.region()).isEqualTo("Perth");
        assertThat(new CloudConfig(Map.of("OS_CLIENT_CONFIG_FILE", special.toString(), "OS_REGION_NAME", "Perth"),
                cwd(), home()).resolve("nectar", "Hobart").region()).isEqualTo("Hobart");
    }

    @Test
    void aMissingPasswordIsNamedWithItsFile() throws Exception {
        write(cwd().resolve("clouds.yaml"), CLOUDS);
        assertThatThrownBy(() -> new CloudConfig(Map.of(), cwd(), home()).resolve("nectar", null))
                .isInstanceOf(CredentialError.class)
                .hasMessageContaining("cloud 'nectar' in " + cwd().resolve("clouds.yaml"))
                .hasMessageContaining("missing auth.password");
    }

    @Test
    void aSettingOfTheWrongTypeIsNamedAsSuchNotAsMissing() throws Exception {
        write(cwd().resolve("clouds.yaml"), CLOUDS.replace("auth_url: https://keystone.example.org:5000/v3/",
                "auth_url: [https://a.example.org/v3, https://b.example.org/v3]"));
        assertThatThrownBy(() -> new CloudConfig(Map.of(), cwd(), home()).resolve("nectar", null))
                .isInstanceOf(CredentialError.class)
                .hasMessageContaining("cloud 'nectar' in " + cwd().resolve("clouds.yaml"))
                .hasMessageContaining("auth.auth_url is a list, not a single value");
        write(cwd().resolve("clouds.yaml"), "clouds:\n  nectar:\n    auth: https://keystone.example.org/v3\n");
        assertThatThrownBy(() -> new CloudConfig(Map.of(), cwd(), home()).resolve("nectar", null))
                .isInstanceOf(CredentialError.class).hasMessageContaining("auth is a single value, not a mapping");
    }

    @Test
    void anUnknownCloudListsTheKnownOnes() throws Exception {
        write(cwd().resolve("clouds.yaml"), CLOUDS);
        assertThatThrownBy(() -> new CloudConfig(Map.of(), cwd(), home()).resolve("pouta", null))
                .isInstanceOf(CredentialError.class).hasMessageContaining("--os-cloud pouta: no cloud 'pouta'")
                .hasMessageContaining("it has: nectar");
    }

    @Test
    void brokenYamlNamesFileAndLine() throws Exception {
        write(cwd().resolve("clouds.yaml"), "clouds:\n  nectar:\n    auth: [unclosed\n");
        assertThatThrownBy(() -> new CloudConfig(Map.of(), cwd(), home()).resolve("nectar", null))
                .isInstanceOf(CredentialError.class).hasMessageMatching(".*clouds.yaml:\\d+: not valid YAML.*");
    }

    @Test
    void anOpenrcGivesPasswordCredentialsWithTheDefaultDomain() throws Exception {
        Credentials c = new CloudConfig(Map.of("OS_AUTH_URL", "https://keystone.example.org:5000/v3",
                "OS_USERNAME", "alice", "OS_PASSWORD", "pw", "OS_TENANT_NAME", "pt-1", "OS_REGION_NAME", "Melbourne",
                "OS_INTERFACE", "internalURL"), cwd(), home()).resolve(null, null);
        assertThat(c.authType()).isEqualTo(Credentials.AuthType.PASSWORD);
        assertThat(c.projectName()).isEqualTo("pt-1");
        assertThat(c.userDomainName()).isEqualTo("Default");
        assertThat(c.projectDomainName()).isEqualTo("Default");
        assertThat(c.interfaceName()).isEqualTo("internal");
        assertThat(c.region()).isEqualTo("Melbourne");
    }

    @Test
    void unsupportedSettingsAreRefusedWithTheirSource() throws Exception {
        assertThatThrownBy(() -> new CloudConfig(Map.of("OS_AUTH_URL", "https://k/v3", "OS_AUTH_TYPE", "token",
                "OS_USERNAME", "a"), cwd(), home()).resolve(null, null))
                .isInstanceOf(CredentialError.class).hasMessageContaining("OS_AUTH_TYPE 'token' is not supported");
        assertThatThrownBy(() -> new CloudConfig(Map.of("OS_AUTH_URL", "https://k/v2.0", "OS_IDENTITY_API_VERSION", "2",
                "OS_USERNAME", "a"), cwd(), home()).resolve(null, null))
                .isInstanceOf(CredentialError.class).hasMessageContaining("Keystone v3 only");
        assertThatThrownBy(() -> new CloudConfig(Map.of("OS_AUTH_URL", "keystone:5000", "OS_USERNAME", "a",
                "OS_PASSWORD", "p", "OS_PROJECT_ID", "x"), cwd(), home()).resolve(null, null))
                .isInstanceOf(CredentialError.class).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void theTokensUrlIsFoundWithOrWithoutTheVersion() {
        assertThat(Keystone.tokensUrl("https://k:5000")).isEqualTo("https://k:5000/v3/auth/tokens");
        assertThat(Keystone.tokensUrl("https://k:5000/v3/")).isEqualTo("https://k:5000/v3/auth/tokens");
        assertThat(Keystone.tokensUrl("https://k/identity/v3")).isEqualTo("https://k/identity/v3/auth/tokens");
    }
}
