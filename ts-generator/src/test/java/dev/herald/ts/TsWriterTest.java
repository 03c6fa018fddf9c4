package dev.herald.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsWriterTest {
    @Test
    void quotesPropertyNamesThatAreNotIdentifiers_andEscapesStrings() {
        Map<String, TsValue> entries = new LinkedHashMap<>();
        entries.put("plain", new TsValue.StringValue("a\"b\\c\n\u2028"));
        entries.put("with-dash", new TsValue.StringValue("x"));
        entries.put("1st", new TsValue.ArrayValue(List.of(new TsValue.StringValue("y"))));
        TsModule module = new TsModule(
                List.of("Generated."),
                List.of(
                        new TsDeclaration.Const("Things", "Some things.", new TsValue.ObjectValue(entries), true),
                        new TsDeclaration.Interface(
                                "Point",
                                "A */ point.",
                                List.of(
                                        new TsDeclaration.Property("x", TsType.NUMBER, "", true, false),
                                        new TsDeclaration.Property(
                                                "Renamed-Name",
                                                new TsType.ArrayOf(TsType.Union.of(TsType.STRING, TsType.NULL)),
                                                "Multi\nline",
                                                true,
                                                false))),
                        new TsDeclaration.TypeAlias(
                                "Color", "", TsType.Union.of(new TsType.Literal("RED"), new TsType.Literal("verde")))));

        assertThat(TsWriter.write(module)).isEqualTo("""
                        // Generated.

                        /** Some things. */
                        export const Things = {
                          plain: "a\\"b\\\\c\\n\\u2028",
                          "with-dash": "x",
                          "1st": ["y"],
                        } as const;

                        /** A *\\/ point. */
                        export interface Point {
                          readonly x: number;
                          /**
                           * Multi
                           * line
                           */
                          readonly "Renamed-Name": (string | null)[];
                        }

                        export type Color = "RED" | "verde";
                        """);
    }

    @Test
    void longFunctionSignaturesBreakOneParameterPerLine() {
        TsDeclaration.Function function = new TsDeclaration.Function(
                "useSomethingWithAVeryLongNameRefresh",
                "",
                List.of("T"),
                List.of(
                        TsDeclaration.Parameter.of("assetIdentifier", "string"),
                        TsDeclaration.Parameter.of("fetcher", "(signal: AbortSignal) => Promise<T>"),
                        new TsDeclaration.Parameter("options", "GroupRefreshOptions", false, "{}")),
                "RefreshState<T>",
                List.of("return useRefresh(names, fetcher, options);"));

        assertThat(TsWriter.write(new TsModule(List.of(), List.of(function)))).isEqualTo("""
                        export function useSomethingWithAVeryLongNameRefresh<T>(
                          assetIdentifier: string,
                          fetcher: (signal: AbortSignal) => Promise<T>,
                          options: GroupRefreshOptions = {},
                        ): RefreshState<T> {
                          return useRefresh(names, fetcher, options);
                        }
                        """);
    }

    @Test
    void runtimeFilesAreShippedWithAVersionHeader() {
        assertThat(TsRuntime.version()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(TsRuntime.withHeader("async.ts"))
                .startsWith("// Herald 0.1.0-SNAPSHOT client runtime (async.ts)")
                .contains("export class Delayer<T>");
        assertThat(TsRuntime.read(TsRuntime.HOOKS_BASE)).contains("export function useRefresh<");
    }

    @Test
    void aLongUnionBreaksOneMemberPerLine_evenWhenAMemberContainsTheSeparator() {
        TsType message = new TsType.ObjectLiteral(List.of(
                new TsType.Field("event", new TsType.Literal("a.b"), true),
                new TsType.Field("data-x", new TsType.Named("AB"), true)));
        TsDeclaration alias = new TsDeclaration.TypeAlias(
                "Status",
                "",
                TsType.Union.of(
                        new TsType.Literal("up | down, with a long description of what that means"),
                        new TsType.Literal("sideways"),
                        message));

        assertThat(TsWriter.write(new TsModule(List.of(), List.of(alias)))).isEqualTo("""
                        export type Status =
                          | "up | down, with a long description of what that means"
                          | "sideways"
                          | { readonly event: "a.b"; readonly "data-x": AB };
                        """);
    }

    @Test
    void anEmbeddedRuntimeFileLosesItsOwnHeader() {
        assertThat(TsRuntime.withoutHeader("// one\n// two\n\nimport x from \"y\";\n// kept\n"))
                .isEqualTo("import x from \"y\";\n// kept\n");
    }
}
