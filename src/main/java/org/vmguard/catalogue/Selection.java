package org.vmguard.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;

/**
 * Which checks of the catalogue a run includes: the profile's, narrowed by {@code --only} and
 * {@code --skip}. An id may also name a whole area ("ssh" selects every ssh.* check).
 */
public record Selection(Profile profile, Set<String> only, Set<String> skip) {

    public Selection {
        only = Set.copyOf(only);
        skip = Set.copyOf(skip);
    }

    public static Selection of(Profile profile) {
        return new Selection(profile, Set.of(), Set.of());
    }

    /** @throws IllegalArgumentException naming an id or area the catalogue does not have */
    public void validate(List<CheckInfo> catalogue) {
        List<String> unknown = new ArrayList<>();
        for (String id : concat(only, skip)) {
            boolean known = catalogue.stream().anyMatch(c -> c.id().equals(id) || c.area().equals(id));
            if (!known) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown check id or area: " + String.join(", ", unknown)
                    + " (vmguard checks lists them)");
        }
    }

    public boolean includes(CheckInfo c) {
        if (!profile.enabled(c)) {
            return false;
        }
        if (!only.isEmpty() && !only.contains(c.id()) && !only.contains(c.area())) {
            return false;
        }
        return !skip.contains(c.id()) && !skip.contains(c.area());
    }

    public <F> List<Check<F>> apply(List<Check<F>> checks) {
        return checks.stream().filter(c -> includes(c.info())).toList();
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
