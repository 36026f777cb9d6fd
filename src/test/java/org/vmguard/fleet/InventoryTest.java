package org.vmguard.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;
import org.vmguard.target.ssh.SshAddress;

class InventoryTest {

    @Test
    void readsAnAnsibleIniInventoryWithGroupsChildrenAndVars() {
        List<SshAddress> hosts = Inventory.parse("hosts.ini", """
                # ungrouped first
                bastion ansible_host=10.0.0.1
                [web]
                web01 ansible_host=10.0.1.1 ansible_port=2222
                web02
                [db]
                db01 ansible_user=postgres
                [prod:children]
                web
                db
                [prod:vars]
                ansible_user=deploy
                [web:vars]
                ansible_port=2200
                """);
        assertThat(hosts).containsExactly(
                new SshAddress("bastion", null, "10.0.0.1", 0),
                new SshAddress("web01", "deploy", "10.0.1.1", 2222),
                new SshAddress("web02", "deploy", "web02", 2200),
                new SshAddress("db01", "postgres", "db01", 0));
    }

    @Test
    void readsAnAnsibleYamlInventory() {
        List<SshAddress> hosts = Inventory.parse("hosts.yml", """
                all:
                  vars:
                    ansible_user: admin
                  hosts:
                    mail.example.org:
                  children:
                    web:
                      vars:
                        ansible_port: 2200
                      hosts:
                        web01:
                          ansible_host: 192.0.2.10
                        web02:
                          ansible_user: other
                """);
        assertThat(hosts).containsExactly(
                new SshAddress("mail.example.org", "admin", "mail.example.org", 0),
                new SshAddress("web01", "admin", "192.0.2.10", 2200),
                new SshAddress("web02", "other", "web02", 2200));
    }

    @Test
    void readsAPlainListOfHosts() {
        assertThat(Inventory.parse("list", "web01\nalice@db01:2222\n\n# a comment\n[::1]:22\n")).containsExactly(
                new SshAddress("web01", null, "web01", 0),
                new SshAddress("alice@db01:2222", "alice", "db01", 2222),
                new SshAddress("[::1]:22", null, "::1", 22));
    }

    @Test
    void aBadLineIsAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> Inventory.parse("hosts.ini", "[web]\nweb01 ansible_port\n"))
                .isInstanceOf(ParseError.class).hasMessageStartingWith("hosts.ini:2:");
        assertThatThrownBy(() -> Inventory.parse("hosts.ini", "[web]\nweb01 ansible_port=http\n"))
                .isInstanceOf(ParseError.class).hasMessageContaining("hosts.ini:2").hasMessageContaining("ansible_port");
        assertThatThrownBy(() -> Inventory.parse("hosts.yml", "all:\n  hosts: [a, b]\n"))
                .isInstanceOf(ParseError.class).hasMessageContaining("hosts.yml");
    }

    @Test
    void brokenYamlNamesTheLineWhereTheParserStopped() {
        assertThatThrownBy(() -> Inventory.parse("hosts.yml", "all:\n  hosts:\n    web01:\n    web02: [\n"))
                .isInstanceOf(ParseError.class).hasMessageStartingWith("hosts.yml:4:").hasMessageContaining("not a YAML inventory");
    }
}
