package org.vmguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The fake's JSON fixtures parse, and our parsers read from them what the API reference says they hold. */
class FixturesTest {

    @Test
    void aNovaServerParses() {
        Server s = Server.parse(FakeOpenStack.fixture("nova-server.json"), "R");
        assertThat(s.id()).isEqualTo("9168b536-cd40-4630-b43f-b259807c6e87");
        assertThat(s.status()).isEqualTo("ACTIVE");
        assertThat(s.volumeBacked()).isFalse();
        assertThat(s.imageId()).isEqualTo("70a599e0-31e7-49b7-b260-868f441e862b");
    }

    @Test
    void neutronResourcesParse() {
        Port p = Port.parse(FakeOpenStack.fixture("neutron-port.json"), "R");
        assertThat(p.ofServer()).isTrue();
        assertThat(p.addresses()).containsExactly("192.168.1.30");
        assertThat(p.portSecurity()).isTrue();
        SecurityGroup g = SecurityGroup.parse(FakeOpenStack.fixture("neutron-security-group.json"), "R");
        assertThat(g.name()).isEqualTo("default");
        assertThat(g.projectId()).isEqualTo("a6944d763bf64ee6a275f1263fae0352");
        SecurityRule r = SecurityRule.parse(FakeOpenStack.fixture("neutron-security-group-rule.json"));
        assertThat(r.ingress()).isTrue();
        assertThat(r.normalizedProtocol()).isNull();
        assertThat(r.opensEverything()).isTrue();
        FloatingIp f = FloatingIp.parse(FakeOpenStack.fixture("neutron-floatingip.json"), "R");
        assertThat(f.address()).isEqualTo("172.24.4.228");
        assertThat(f.portId()).isEqualTo(p.id());
        AddressGroup a = AddressGroup.parse(FakeOpenStack.fixture("neutron-address-group.json"), "R");
        assertThat(a.addresses()).containsExactly("132.168.4.12/24");
    }

    @Test
    void keystoneGlanceAndCinderShapesHoldWhatTheClientReads() {
        JsonNode token = FakeOpenStack.fixture("keystone-token.json").path("token");
        assertThat(token.path("expires_at").asText()).endsWith("Z");
        assertThat(token.path("project").path("id").asText()).isNotEmpty();
        assertThat(token.path("catalog").isArray()).isTrue();
        assertThat(FakeOpenStack.fixture("nova-version.json").path("version").path("version").asText()).matches("2\\.\\d+");
        assertThat(FakeOpenStack.fixture("glance-image.json").path("status").asText()).isEqualTo("queued");
        assertThat(FakeOpenStack.fixture("cinder-snapshot.json").path("status").asText()).isEqualTo("creating");
        assertThat(FakeOpenStack.fixture("cinder-volume.json").path("bootable").asText()).isEqualTo("false");
    }

    @Test
    void globallyRoutableAddressesAreTold() {
        assertThat(Cidr.isGlobal("8.8.8.8")).isTrue();
        assertThat(Cidr.isGlobal("2a01:4f8:1:2::7")).isTrue();
        assertThat(Cidr.isGlobal("10.1.2.3")).isFalse();
        assertThat(Cidr.isGlobal("100.64.0.1")).isFalse();
        assertThat(Cidr.isGlobal("172.31.255.255")).isFalse();
        assertThat(Cidr.isGlobal("172.32.0.1")).isTrue();
        assertThat(Cidr.isGlobal("fd00::1")).isFalse();
        assertThat(Cidr.isGlobal("fe80::1")).isFalse();
        assertThat(Cidr.isGlobal("2001:db8::1")).isFalse();
        assertThat(Cidr.isGlobal("not-an-address")).isFalse();
        assertThat(Cidr.parse("::/0").everything()).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").everything()).isTrue();
        assertThat(Cidr.parse("0.0.0.0/1").everything()).isFalse();
    }
}
