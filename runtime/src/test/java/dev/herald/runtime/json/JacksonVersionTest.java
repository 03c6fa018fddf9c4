package dev.herald.runtime.json;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import org.junit.jupiter.api.Test;

class JacksonVersionTest {
    private static Version jackson(int minor, int patch) {
        return new Version(2, minor, patch, null, "com.fasterxml.jackson.core", "jackson-core");
    }

    @Test
    void aVersionBelowTheMinimum_isRefusedNamingBoth() {
        assertThatThrownBy(() -> JacksonVersion.verify(jackson(14, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2.15.0 or later")
                .hasMessageContaining("2.14.3");
    }

    @Test
    void supportedVersions_passIncludingTheOneOnTheClassPath() {
        assertThatCode(() -> {
                    JacksonVersion.verify(jackson(15, 0));
                    JacksonVersion.verify(jackson(21, 1)); // warns only
                    JacksonVersion.verify(jackson(21, 2));
                    JacksonVersion.verify(PackageVersion.VERSION);
                })
                .doesNotThrowAnyException();
    }
}
