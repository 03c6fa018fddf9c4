package dev.herald.it;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3's mapper (Spring Boot 4's JSON) configured to the JSON Herald writes: the reference of
 * {@link CodecEquivalenceTest}'s Jackson 3 run, as {@link ReferenceMapper} is Jackson 2's. What it
 * changes from Jackson 3's defaults is what README's "JSON" section lists.
 */
public final class Jackson3ReferenceMapper {
    private Jackson3ReferenceMapper() {}

    public static JsonMapper create() {
        return JsonMapper.builder()
                // Jackson 3 sorts properties alphabetically by default; Herald keeps the record's order.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Herald reads an OffsetDateTime with the offset it was written with; both Jacksons
                // move it to UTC by default (the same instant, another offset).
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Jackson 3 writes and reads an enum by its toString(); Herald by its name or @JsonProperty.
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                // A JavaScript number cannot hold them.
                .withConfigOverride(
                        BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .withConfigOverride(
                        BigInteger.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .build();
    }
}
