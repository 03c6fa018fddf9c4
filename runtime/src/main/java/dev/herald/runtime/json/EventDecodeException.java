package dev.herald.runtime.json;

/**
 * JSON that cannot be read as a Herald event or payload: malformed or truncated JSON, a wrong JSON
 * type or an out-of-range number for a field, an unknown event name. The message names the event
 * (when known), the field path ({@code items[2].name}) and the problem.
 */
public final class EventDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String eventName;
    private final String field;
    private final String problem;

    private EventDecodeException(String eventName, String field, String problem, Throwable cause) {
        super(message(eventName, field, problem), cause);
        this.eventName = eventName;
        this.field = field;
        this.problem = problem;
    }

    /** A problem not yet tied to a field; generated codecs add the field on the way out. */
    public static EventDecodeException of(String problem) {
        return new EventDecodeException(null, null, problem, null);
    }

    /** A problem caused by another exception (a parse error, a constructor that rejected a value). */
    public static EventDecodeException of(String problem, Throwable cause) {
        return new EventDecodeException(null, null, problem, cause);
    }

    /** This problem, one level further out: inside the field {@code name} (a {@code null} name adds nothing). */
    public EventDecodeException inField(String name) {
        if (name == null) {
            return this;
        }
        String path = field == null ? name : field.startsWith("[") ? name + field : name + "." + field;
        return copy(eventName, path);
    }

    /** This problem, inside element {@code index} of an array. */
    public EventDecodeException atIndex(int index) {
        String element = "[" + index + "]";
        return copy(
                eventName, field == null ? element : field.startsWith("[") ? element + field : element + "." + field);
    }

    /** This problem, in the event named {@code name}. */
    public EventDecodeException inEvent(String name) {
        return copy(name, field);
    }

    private EventDecodeException copy(String event, String path) {
        EventDecodeException copy = new EventDecodeException(event, path, problem, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The event's name, or {@code null} when the problem came before the name was known. */
    public String eventName() {
        return eventName;
    }

    /** The path of the field within {@code data} ({@code items[2].name}), or {@code null}. */
    public String field() {
        return field;
    }

    /** What is wrong, without event and field. */
    public String problem() {
        return problem;
    }

    private static String message(String eventName, String field, String problem) {
        StringBuilder message = new StringBuilder("Cannot decode");
        if (eventName != null) {
            message.append(" event '").append(eventName).append('\'');
        }
        if (field != null) {
            message.append(eventName != null ? ", " : " ")
                    .append("field '")
                    .append(field)
                    .append('\'');
        }
        return message.append(": ").append(problem).toString();
    }
}
