package org.vmguard.catalogue;

import java.util.List;
import java.util.Set;
import org.vmguard.core.CheckInfo;

/**
 * A named selection of the catalogue. {@code baseline} is every host check; {@code nectar} is the
 * baseline (the Nectar guidelines ask for nothing the baseline lacks); {@code pouta} follows CSC
 * Pouta's guidelines, which ask for no mail server at all rather than a loopback-only one.
 */
public record Profile(String name, String description, Set<String> excluded) {

    /** Checks that only one profile asks for. */
    private static final Set<String> POUTA_ONLY = Set.of("mail.no-server");

    public static final Profile BASELINE = new Profile("baseline",
            "every host check of the catalogue", POUTA_ONLY);
    public static final Profile NECTAR = new Profile("nectar",
            "the Nectar Research Cloud security guidelines (the baseline)", POUTA_ONLY);
    public static final Profile POUTA = new Profile("pouta",
            "CSC Pouta's guidelines: no mail server instead of a loopback-only one", Set.of("mail.local-only"));

    public static final List<Profile> ALL = List.of(BASELINE, NECTAR, POUTA);

    public static Profile named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name + "' (baseline, nectar, pouta)"));
    }

    public boolean enabled(CheckInfo check) {
        return !excluded.contains(check.id());
    }
}
