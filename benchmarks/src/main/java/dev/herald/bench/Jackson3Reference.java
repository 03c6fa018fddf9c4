package dev.herald.bench;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3's mapper configured to write the JSON Herald writes, a peer in {@link CodecBenchmark}
 * beside Jackson 2's reference mapper: Spring Boot 4's default JSON. Jackson 3 reads the same
 * {@code com.fasterxml.jackson.annotation} annotations, has the Java 8 types built in and writes
 * dates as ISO strings by default; it sorts properties alphabetically by default, Herald keeps the
 * declaration order.
 */
final class Jackson3Reference {
    private Jackson3Reference() {}

    static JsonMapper create() {
        return JsonMapper.builder()
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .withConfigOverride(
                        BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .withConfigOverride(
                        BigInteger.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .build();
    }
}
