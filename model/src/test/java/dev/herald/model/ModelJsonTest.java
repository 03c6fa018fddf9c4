package dev.herald.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private static final String SOURCE = "files-1.0.jar!/META-INF/herald/model.json";

    @Test
    void everyKindOfTypeSurvivesWritingAndReading() throws InvalidModelException {
        HeraldModel files = Models.files();

        String json = ModelJson.write(files);

        assertThat(ModelJson.read(json, SOURCE)).isEqualTo(files);
        assertThat(ModelJson.write(ModelJson.read(json, SOURCE))).isEqualTo(json);
    }

    @Test
    void eventsCarryTheirGroupConstantAndKey_forToolsInOtherLanguages() {
        assertThat(ModelJson.write(Models.files()))
                .startsWith("{\n  \"modelVersion\" : 1,")
                .contains("\"name\" : \"fs.created\",\n    \"group\" : \"fs\",\n    \"constant\" : \"FS_CREATED\","
                        + "\n    \"payload\" : \"com.acme.files.FileCreated\",\n    \"key\" : \"path\"")
                .contains("\"doc\" : \"Where, `/a`.\"");
    }

    @Test
    void aNewerModelVersion_isAnErrorNamingTheFile() {
        String json = ModelJson.write(Models.files()).replace("\"modelVersion\" : 1", "\"modelVersion\" : 2");

        assertThatThrownBy(() -> ModelJson.read(json, SOURCE))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith(SOURCE + " has modelVersion 2, newer than this Herald");
    }

    @Test
    void truncatedJson_isAnErrorNamingTheFileAndLine() {
        String json = ModelJson.write(Models.files());
        String truncated = json.substring(0, json.length() / 2);

        assertThatThrownBy(() -> ModelJson.read(truncated, SOURCE))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith(SOURCE + " is not valid JSON (it may be truncated or corrupt): ")
                .hasMessageContaining("at line ");
    }

    @Test
    void aWrongValue_isAnErrorNamingItsPath() {
        String json = ModelJson.write(Models.files()).replace("\"scalar\" : \"uuid\"", "\"scalar\" : \"guid\"");

        assertThatThrownBy(() -> ModelJson.read(json, SOURCE))
                .hasMessage(SOURCE + " is not a valid Herald model: at records[0].fields[0].type.scalar,"
                        + " unknown scalar \"guid\".");
        assertThatThrownBy(() -> ModelJson.read("{\"modelVersion\":1,\"events\":{}}", SOURCE))
                .hasMessage(SOURCE + " is not a valid Herald model: at events, an array is required, found an object.");
        assertThatThrownBy(() -> ModelJson.read("[]", SOURCE))
                .hasMessage(SOURCE + " is not a valid Herald model: at the top level, an object is required,"
                        + " found an array.");
        assertThatThrownBy(() -> ModelJson.read("", SOURCE)).hasMessage(SOURCE + " is empty, not a Herald model.");
    }

    @Test
    void aPayloadMissingFromTheRecords_isAnError() {
        String json = ModelJson.write(Models.files())
                .replace("\"payload\" : \"com.acme.files.FileCreated\"", "\"payload\" : \"com.acme.files.Gone\"");

        assertThatThrownBy(() -> ModelJson.read(json, SOURCE))
                .hasMessage(SOURCE + " is not a consistent Herald model: no record com.acme.files.Gone in the model.");
    }

    @Test
    void unknownFieldsAreIgnored() throws InvalidModelException {
        String json =
                ModelJson.write(Models.files()).replace("\"catalog\"", "\"addedLater\" : [1, {}],\n  \"catalog\"");

        assertThat(ModelJson.read(json, SOURCE)).isEqualTo(Models.files());
    }
}
