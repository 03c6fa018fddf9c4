package dev.herald.ts;

import java.util.List;
import java.util.stream.Collectors;

/** A TypeScript type expression. */
public sealed interface TsType {
    TsType STRING = new Named("string");
    TsType NUMBER = new Named("number");
    TsType BOOLEAN = new Named("boolean");
    TsType NULL = new Named("null");

    /** How the type is written. */
    String render();

    /** A type by name: {@code string}, {@code FsCreated}. */
    record Named(String name) implements TsType {
        @Override
        public String render() {
            return name;
        }
    }

    /** A string literal type: {@code "UP"}. */
    record Literal(String value) implements TsType {
        @Override
        public String render() {
            return TsLiterals.quote(value);
        }
    }

    /** {@code T[]}, parenthesised when {@code T} is a union. */
    record ArrayOf(TsType element) implements TsType {
        @Override
        public String render() {
            String inner = element.render();
            return (element instanceof Union ? "(" + inner + ")" : inner) + "[]";
        }
    }

    /** {@code A | B}. */
    record Union(List<TsType> members) implements TsType {
        public Union {
            members = List.copyOf(members);
        }

        public static TsType of(TsType... members) {
            return new Union(List.of(members));
        }

        @Override
        public String render() {
            return members.stream().map(TsType::render).collect(Collectors.joining(" | "));
        }
    }

    /** An object type written in place: {@code { readonly event: "a.b"; readonly data: AB }}. */
    record ObjectLiteral(List<Field> fields) implements TsType {
        public ObjectLiteral {
            fields = List.copyOf(fields);
        }

        @Override
        public String render() {
            return fields.stream()
                    .map(field -> (field.readonly() ? "readonly " : "")
                            + TsLiterals.propertyName(field.name())
                            + (field.optional() ? "?: " : ": ")
                            + field.type().render())
                    .collect(Collectors.joining("; ", "{ ", " }"));
        }
    }

    /** A member of an {@link ObjectLiteral}; its name is quoted when it is not an identifier. */
    record Field(String name, TsType type, boolean readonly, boolean optional) {
        /** A member that is always present. */
        public Field(String name, TsType type, boolean readonly) {
            this(name, type, readonly, false);
        }
    }

    /** {@code Name<A, B>}: {@code Record<string, V>}, {@code Partial<...>}. */
    record Generic(String name, List<TsType> arguments) implements TsType {
        public Generic {
            arguments = List.copyOf(arguments);
        }

        public static TsType of(String name, TsType... arguments) {
            return new Generic(name, List.of(arguments));
        }

        @Override
        public String render() {
            return name + arguments.stream().map(TsType::render).collect(Collectors.joining(", ", "<", ">"));
        }
    }
}
