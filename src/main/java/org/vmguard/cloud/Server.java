package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Nova server. {@code imageId} is empty for a volume-backed server (Nova gives "image": "").
 *
 * @param volumeIds the attached volumes (os-extended-volumes:volumes_attached)
 */
public record Server(String id, String name, String status, String imageId, List<String> volumeIds, boolean locked,
        String region) {

    public Server {
        volumeIds = List.copyOf(volumeIds);
    }

    public static Server parse(JsonNode s, String region) {
        List<String> vols = new ArrayList<>();
        s.path("os-extended-volumes:volumes_attached").forEach(v -> vols.add(v.path("id").asText()));
        String image = s.path("image").isObject() ? s.path("image").path("id").asText("") : "";
        return new Server(s.path("id").asText(), s.path("name").asText(), s.path("status").asText(), image, vols,
                s.path("locked").asBoolean(false), region);
    }

    public boolean volumeBacked() {
        return imageId.isEmpty();
    }
}
