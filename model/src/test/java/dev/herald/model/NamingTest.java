package dev.herald.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamingTest {
    @Test
    void javadocBecomesJsDoc_withBracesInsideCodeKept() {
        assertThat(Naming.docFromJavadoc("Fetch {@code /files/{path}} again, see {@link Files#get(String) get}."))
                .isEqualTo("Fetch `/files/{path}` again, see Files#get(String).");
        assertThat(Naming.docFromJavadoc("One.\n<p>\nTwo {@literal a<b}.")).isEqualTo("One.\n\nTwo `a<b`.");
        assertThat(Naming.docFromJavadoc("Unclosed {@code x")).isEqualTo("Unclosed {@code x");
    }

    @Test
    void theCatalogGoesToTheLongestPackageAllEventsAreIn() {
        assertThat(Naming.catalogPackage(List.of("com.acme.files", "com.acme.tasks", "com.acme.files.deep")))
                .contains("com.acme");
        assertThat(Naming.catalogPackage(List.of("com.acme.files"))).contains("com.acme.files");
        assertThat(Naming.catalogPackage(List.of("com.acme", "org.other"))).isEmpty();
        assertThat(Naming.catalogPackage(List.of("", ""))).contains("");
        assertThat(Naming.catalogPackage(List.of("", "com.acme"))).isEmpty();
        assertThat(Naming.catalogPackage(List.of("com.acmex", "com.acme"))).contains("com");
    }

    @Test
    void constantsGroupsAndHookSpellings() {
        assertThat(Naming.constantName("fs.HTTPServer")).isEqualTo("FS_HTTP_SERVER");
        assertThat(Naming.constantName("tunnel.statusChanged")).isEqualTo("TUNNEL_STATUS_CHANGED");
        assertThat(Naming.group("fs.created")).isEqualTo("fs");
        assertThat(Naming.groupSpelling("my-group", Map.of())).isEqualTo("MyGroup");
        assertThat(Naming.groupSpelling("fs", Map.of("fs", "FS"))).isEqualTo("FS");
    }

    @Test
    void groupsSpelledAlike_orLikeTheGenericHooks_clash() {
        List<String> events = List.of("my-group.a", "my_group.b", "group.c", "team.d");

        assertThat(Naming.spellingClashes(events, Map.of()))
                .containsExactly(
                        new Naming.SpellingClash(null, "group", "Group"),
                        new Naming.SpellingClash("my-group", "my_group", "MyGroup"));
        assertThat(Naming.spellingClashes(events, Map.of("group", "Teams", "my_group", "MyOther")))
                .isEmpty();
    }
}
