package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Lists a project's servers, ports, floating IPs, security groups (rules included) and address
 * groups in bulk, per region, a few lists at a time: the number of calls grows with the number of
 * pages, never with the number of servers.
 */
public final class ProjectListing {

    private ProjectListing() {
    }

    public static CloudProject load(OpenStackClient client) {
        Token t = client.token();
        String project = t.projectId();
        List<String> regions = client.regions();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, client.options().concurrency()),
                Thread.ofPlatform().daemon().name("openstack-list-", 0).factory());
        try {
            List<Future<List<Server>>> servers = new ArrayList<>();
            List<Future<List<Port>>> ports = new ArrayList<>();
            List<Future<List<FloatingIp>>> fips = new ArrayList<>();
            List<Future<List<SecurityGroup>>> groups = new ArrayList<>();
            List<Future<List<AddressGroup>>> addressGroups = new ArrayList<>();
            String iface = client.credentials().interfaceName();
            for (String region : regions) {
                OpenStackClient.Service nova = client.service("compute", region);
                OpenStackClient.Service neutron = client.service("network", region);
                if (t.catalog().url("compute", iface, region).isPresent()) {
                    servers.add(pool.submit(() -> each(nova.list("/servers/detail", "servers"), region, Server::parse)));
                }
                if (t.catalog().url("network", iface, region).isEmpty()) {
                    continue; // a region without Neutron has no ports or groups to list
                }
                ports.add(pool.submit(() -> each(neutron.list("/v2.0/ports?project_id=" + project, "ports"), region, Port::parse)));
                fips.add(pool.submit(() -> each(neutron.list("/v2.0/floatingips?project_id=" + project, "floatingips"),
                        region, FloatingIp::parse)));
                groups.add(pool.submit(() -> each(neutron.list("/v2.0/security-groups?project_id=" + project,
                        "security_groups"), region, SecurityGroup::parse)));
                addressGroups.add(pool.submit(() -> {
                    OpenStackClient.Response probe = neutron.call("GET", "/v2.0/address-groups?limit=1", null);
                    if (probe.status() == 404) {
                        return null; // the extension is not loaded
                    }
                    probe.orThrow();
                    return each(neutron.list("/v2.0/address-groups", "address_groups"), region, AddressGroup::parse);
                }));
            }
            List<AddressGroup> ags = new ArrayList<>();
            boolean agListed = true;
            for (var f : addressGroups) {
                List<AddressGroup> l = get(f);
                if (l == null) {
                    agListed = false;
                } else {
                    ags.addAll(l);
                }
            }
            return new CloudProject(t.projectName(), project, regions, join(servers), join(ports), join(fips),
                    join(groups), ags, agListed, Listeners.NONE);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> each(List<JsonNode> items, String region, BiFunction<JsonNode, String, T> parse) {
        return items.stream().map(n -> parse.apply(n, region)).toList();
    }

    private static <T> List<T> join(List<Future<List<T>>> futures) {
        List<T> out = new ArrayList<>();
        for (var f : futures) {
            out.addAll(get(f));
        }
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("LIST", "", 0, "interrupted", null);
        }
    }
}
