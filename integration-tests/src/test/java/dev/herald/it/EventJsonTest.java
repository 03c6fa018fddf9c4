package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.it.shapes.Shapes;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.json.EventDecodeException;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.Jackson;
import dev.herald.runtime.json.ReceivedEvent;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskProgress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decoding accepts what a user would send and rejects everything else with a clear
 * EventDecodeException that names the field, on Jackson 2 and on Jackson 3 alike.
 */
@ParameterizedClass
@EnumSource(Jackson.class)
class EventJsonTest {
    private final EventJson json;

    EventJsonTest(Jackson jackson) {
        this.json = EventJson.create(EventRegistry.load(), jackson);
    }

    @Test
    void decode_skipsUnknownFields_acceptsAnyOrder_andDefaultsMissingComponents() {
        ReceivedEvent received = json.decode(
                "{\"ts\":7,\"data\":{\"Extra\":{\"deep\":[1,2,{}]},\"Path\":\"/p\",\"AssetID\":\"a\"},\"event\":\"fs.created\",\"v\":2}");

        assertThat(received.event()).isEqualTo(new FsCreated("a", "/p", false));
        assertThat(received.ts()).isEqualTo(7);
        assertThat(json.decode("{\"event\":\"task.progress\",\"data\":{}}").event())
                .isEqualTo(new TaskProgress(null, 0, 0, null, Optional.empty()));
    }

    @Test
    void decode_readsBytesAndStringsAlike() {
        String text =
                "{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"ä😀\",\"Path\":\"/\",\"IsDir\":true},\"ts\":1}";

        assertThat(json.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(json.decode(text));
    }

    @Test
    void wrongJsonTypes_nameTheEventAndTheField() {
        expectFailure(
                "{\"event\":\"fs.created\",\"data\":{\"AssetID\":12},\"ts\":1}",
                "event 'fs.created', field 'AssetID': expected a string, found an integer");
        expectFailure(
                "{\"event\":\"fs.created\",\"data\":{\"IsDir\":\"yes\"},\"ts\":1}",
                "field 'IsDir': expected a boolean, found a string");
        expectFailure(
                "{\"event\":\"task.progress\",\"data\":{\"Total\":1.5}}",
                "field 'Total': expected an integer, found a decimal number");
        expectFailure(
                "{\"event\":\"fs.created\",\"data\":[1]}", "event 'fs.created': expected an object, found an array");
        expectFailure(
                "{\"event\":\"shape.nested\",\"data\":{\"tree\":{\"label\":\"a\",\"children\":[{\"label\":\"b\",\"children\":[{\"label\":5}]}]}}}",
                "field 'tree.children[0].children[0].label': expected a string");
        expectFailure(
                "{\"event\":\"shape.maps\",\"data\":{\"byColor\":{\"PURPLE\":[]}}}",
                "field 'byColor.PURPLE': \"PURPLE\" is not one of");
        expectFailure(
                "{\"event\":\"shape.sequences\",\"data\":{\"colors\":[\"RED\",7]}}",
                "field 'colors[1]': expected one of");
    }

    @Test
    void numbersOutOfRange_areRejectedNamingTheField() {
        expectFailure(
                "{\"event\":\"task.progress\",\"data\":{\"Total\":9223372036854775808}}",
                "field 'Total': number 9223372036854775808 is out of range for long");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"g\":2147483648}}",
                "field 'g': number 2147483648 is out of range for int");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"c\":128}}", "field 'c': number 128 is out of range for byte");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"e\":-32769}}",
                "field 'e': number -32769 is out of range for short");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"k\":1e39}}",
                "field 'k': number 1e39 is out of range for float");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"m\":1e309}}",
                "field 'm': number 1e309 is out of range for double");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"r\":\"1-2-3-4-5\"}}",
                "field 'r': \"1-2-3-4-5\" is not a UUID");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"s\":\"12abc\"}}",
                "field 's': \"12abc\" is not a decimal number");
        expectFailure(
                "{\"event\":\"shape.times\",\"data\":{\"instant\":\"yesterday\"}}",
                "field 'instant': \"yesterday\" is not an ISO-8601 instant");
        expectFailure(
                "{\"event\":\"shape.scalars\",\"data\":{\"o\":\"ab\"}}", "field 'o': expected a single character");
    }

    @Test
    void malformedEnvelopes_areRejectedWithTheProblem() {
        expectFailure("not json", "malformed JSON");
        expectFailure("{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"a\"", "end of input");
        expectFailure("", "expected an event envelope object, found end of input");
        expectFailure("[]", "expected an event envelope object, found an array");
        expectFailure("{\"data\":{}}", "the envelope has no \"event\" name");
        expectFailure("{\"event\":\"fs.created\"}", "event 'fs.created': the envelope has no \"data\"");
        expectFailure("{\"event\":\"fs.created\",\"data\":null}", "\"data\" is null");
        expectFailure("{\"event\":\"nope.never\",\"data\":{}}", "unknown event 'nope.never'");
        expectFailure("{\"event\":\"$resync\",\"ts\":1}", "'$resync' is a control frame");
        expectFailure("{\"event\":7,\"data\":{}}", "expected a string, found an integer");
        expectFailure("{\"event\":\"fs.created\",\"data\":{},\"ts\":\"soon\"}", "expected an integer, found a string");
        expectFailure("{\"event\":\"fs.created\",\"data\":{}} trailing", "malformed JSON");
    }

    @Test
    void deepNesting_isRejectedBeforeItCanOverflowTheStack() {
        String deep =
                "{\"event\":\"shape.nested\",\"data\":{\"tree\":" + "{\"label\":\"x\",\"children\":[".repeat(5_000);
        expectFailure(deep, "nesting depth");
    }

    @Test
    void bytesAndStringsAreDecodedAlike_forValidTruncatedAndTrailingInputs() {
        String valid =
                "{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"a\",\"Path\":\"/p\",\"IsDir\":true},\"ts\":3}";
        for (int cut = 0; cut < valid.length(); cut++) {
            String truncated = valid.substring(0, cut);
            assertThatThrownBy(() -> json.decode(truncated.getBytes(StandardCharsets.UTF_8)))
                    .as(truncated)
                    .isInstanceOf(EventDecodeException.class);
            // the thread's reused parser is not left in a bad state
            assertThat(json.decode(valid.getBytes(StandardCharsets.UTF_8)).ts()).isEqualTo(3);
        }
        assertThat(json.decode((valid + "  \n").getBytes(StandardCharsets.UTF_8))
                        .ts())
                .isEqualTo(3);
        assertThatThrownBy(() -> json.decode((valid + " {}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodeException.class);
        assertThatThrownBy(() -> json.decode((valid + "x").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodeException.class);
        assertThat(json.decode(valid.getBytes(StandardCharsets.UTF_8)).ts()).isEqualTo(3);
    }

    @Test
    void invalidUtf8_isRejected() {
        byte[] bytes = "{\"event\":\"fs.created\",\"data\":{\"Path\":\"XX\"}}".getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("XX");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;

        assertThatThrownBy(() -> json.decode(bytes))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void aRecordConstructorThatRejectsAValue_isAnEventDecodeException() {
        // Shapes.Scalars has a primitive char: a null is fine, a 2-character string is not.
        expectFailure("{\"event\":\"shape.scalars\",\"data\":{\"p\":\"\"}}", "field 'p': expected a single character");
    }

    @Test
    void noOtherExceptionEscapes_forMutatedInputs() {
        String valid = new String(json.encode(mutationSubject(), 1), StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(3); edits > 0 && mutated.length() > 0; edits--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, "{}[]\",:0-ex\\".charAt(random.nextInt(12)));
                    default -> mutated.setCharAt(at, "{}[]\",:0-ex\\".charAt(random.nextInt(12)));
                }
            }
            try {
                json.decode(mutated.toString());
            } catch (EventDecodeException expected) {
                assertThat(expected.getMessage()).startsWith("Cannot decode");
            }
            try {
                json.decode(mutated.toString().getBytes(StandardCharsets.UTF_8));
            } catch (EventDecodeException expected) {
                assertThat(expected.getMessage()).startsWith("Cannot decode");
            }
        }
    }

    /** A small event that still has nesting, maps, optionals and enums to break. */
    private static Record mutationSubject() {
        return new Shapes.Maps(
                Map.of("a", new Shapes.Point(1, -2)),
                Map.of(Shapes.Color.GREEN, List.of(1, 2, 3)),
                Map.of("o", Optional.of("x\"y"), "e", Optional.empty()));
    }

    private void expectFailure(String input, String message) {
        ThrowingCallable decode = () -> json.decode(input);
        assertThatThrownBy(decode)
                .as(input.length() > 120 ? input.substring(0, 120) : input)
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining(message);
    }
}
