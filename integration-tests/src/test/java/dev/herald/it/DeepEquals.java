package dev.herald.it;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Equality that compares arrays by content, also inside records, collections and maps (test-only reflection). */
final class DeepEquals {
    private DeepEquals() {}

    static boolean equal(Object a, Object b) {
        return difference(a, b) == null;
    }

    /** Where {@code a} and {@code b} first differ ({@code .component[index]...: a vs b}), or {@code null}. */
    static String difference(Object a, Object b) {
        return difference(a, b, "");
    }

    private static String difference(Object a, Object b, String path) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return differ(path, a, b);
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            int length = Array.getLength(a);
            if (length != Array.getLength(b)) {
                return path + ": length " + length + " vs " + Array.getLength(b);
            }
            for (int i = 0; i < length; i++) {
                String found = difference(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (a instanceof Record && a.getClass() == b.getClass()) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                try {
                    String found = difference(
                            component.getAccessor().invoke(a),
                            component.getAccessor().invoke(b),
                            path + "." + component.getName());
                    if (found != null) {
                        return found;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return difference(x.orElse(null), y.orElse(null), path);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return path + ": size " + x.size() + " vs " + y.size();
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey())) {
                    return path + ": key " + entry.getKey() + " missing";
                }
                String found = difference(entry.getValue(), y.get(entry.getKey()), path + "{" + entry.getKey() + "}");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (a instanceof Set<?> x && b instanceof Set<?> y) { // in any order: a mapper's HashSet is one
            if (x.size() != y.size()) {
                return path + ": size " + x.size() + " vs " + y.size();
            }
            for (Object element : x) {
                if (y.stream().noneMatch(other -> equal(element, other))) {
                    return path + ": " + element + " only in one";
                }
            }
            return null;
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            if (x.size() != y.size()) {
                return path + ": size " + x.size() + " vs " + y.size();
            }
            Iterator<?> left = x.iterator();
            Iterator<?> right = y.iterator();
            for (int i = 0; left.hasNext(); i++) {
                String found = difference(left.next(), right.next(), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return Objects.equals(a, b) ? null : differ(path, a, b);
    }

    private static String differ(String path, Object a, Object b) {
        return path + ": " + a + " (" + (a == null ? "" : a.getClass().getSimpleName()) + ") vs " + b + " ("
                + (b == null ? "" : b.getClass().getSimpleName()) + ")";
    }
}
