package org.vmguard.facts;

import java.io.IOException;

/**
 * Names a fact and says how to gather it. Each fact class declares its own key, so adding a fact
 * touches no central list.
 */
public record FactKey<T>(String name, Loader<T> loader) {

    @FunctionalInterface
    public interface Loader<T> {
        T load(Host host) throws IOException;
    }

    public static <T> FactKey<T> of(String name, Loader<T> loader) {
        return new FactKey<>(name, loader);
    }

    // identity semantics: two keys with the same name are still two facts
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
