package dev.herald.ts;

import java.util.List;

/** A top-level statement of a TypeScript module. */
public sealed interface TsDeclaration {
    /** {@code export interface Name { readonly field: Type; }} */
    record Interface(String name, String doc, List<Property> properties) implements TsDeclaration {
        public Interface {
            properties = List.copyOf(properties);
        }
    }

    /** One interface member; {@code name} is quoted when it is not an identifier. */
    record Property(String name, TsType type, String doc, boolean readonly, boolean optional) {}

    /** {@code export type Name = Type;}, a long union written one member per line. */
    record TypeAlias(String name, String doc, TsType type) implements TsDeclaration {}

    /** {@code export const Name = value as const;} */
    record Const(String name, String doc, TsValue value, boolean asConst) implements TsDeclaration {}

    /** {@code export function name<T>(params): Return { body }} */
    record Function(
            String name,
            String doc,
            List<String> typeParameters,
            List<Parameter> parameters,
            String returnType,
            List<String> body)
            implements TsDeclaration {
        public Function {
            typeParameters = List.copyOf(typeParameters);
            parameters = List.copyOf(parameters);
            body = List.copyOf(body);
        }
    }

    /** A function parameter: {@code name?: type = initializer}. */
    record Parameter(String name, String type, boolean optional, String initializer) {
        public static Parameter of(String name, String type) {
            return new Parameter(name, type, false, null);
        }
    }

    /** A {@code // ---- title ----} line that opens a section of the module. */
    record Section(String title) implements TsDeclaration {}

    /** Text written as is: imports, re-exports, a copied runtime section. */
    record Raw(String text) implements TsDeclaration {}
}
