package dev.herald.model.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputSettingsTest {
    @Test
    void blanksMeanTheDefaults_andSpellingsAreStripped() {
        OutputSettings settings = new OutputSettings(Map.of("fs", " FS "), true, false, "  ", null, "");

        assertThat(settings.groupNames()).isEqualTo(Map.of("fs", "FS"));
        assertThat(settings.asyncApiTitle()).isNull();
        assertThat(settings.asyncApiVersion()).isEqualTo(OutputSettings.DEFAULT_VERSION);
        assertThat(settings.asyncApiPath()).isEqualTo(OutputSettings.DEFAULT_PATH);
        assertThat(OutputSettings.DEFAULTS.react()).isTrue();
        assertThat(OutputSettings.DEFAULTS.tanstack()).isFalse();
    }

    @Test
    void eachRefusedValue_namesItsSettingValueAndReason() {
        assertThatThrownBy(() -> new OutputSettings(Map.of(), false, true, null, null, null))
                .isInstanceOfSatisfying(OutputSettings.Invalid.class, invalid -> {
                    assertThat(invalid.setting()).isEqualTo(OutputSettings.Setting.TANSTACK);
                    assertThat(invalid.reason()).isEqualTo(OutputSettings.TANSTACK_NEEDS_REACT);
                });
        assertThatThrownBy(() -> new OutputSettings(Map.of(), true, false, null, null, "events"))
                .isInstanceOfSatisfying(OutputSettings.Invalid.class, invalid -> {
                    assertThat(invalid.setting()).isEqualTo(OutputSettings.Setting.ASYNCAPI_PATH);
                    assertThat(invalid.value()).isEqualTo("events");
                });
        assertThatThrownBy(() -> new OutputSettings(Map.of("fs", "F S"), true, false, null, null, null))
                .isInstanceOfSatisfying(OutputSettings.Invalid.class, invalid -> {
                    assertThat(invalid.setting()).isEqualTo(OutputSettings.Setting.GROUP_NAMES);
                    assertThat(invalid.key()).isEqualTo("fs");
                    assertThat(invalid.value()).isEqualTo("F S");
                });
    }
}
