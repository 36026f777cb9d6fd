package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Neutron security group with its rules, in one region. */
public record SecurityGroup(String id, String name, String projectId, String region, List<SecurityRule> rules) {

    public SecurityGroup {
        rules = List.copyOf(rules);
    }

    public static SecurityGroup parse(JsonNode g, String region) {
        List<SecurityRule> rules = new ArrayList<>();
        g.path("security_group_rules").forEach(r -> rules.add(SecurityRule.parse(r)));
        String project = g.hasNonNull("project_id") ? g.path("project_id").asText() : g.path("tenant_id").asText();
        return new SecurityGroup(g.path("id").asText(), g.path("name").asText(), project, region, rules);
    }
}
