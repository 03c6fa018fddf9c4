package dev.herald.runtime;

/**
 * The process-wide default {@link EventBus}, for code that has no bus injected: {@code
 * Herald.emit(new FsCreated(...))}. Created on first use from every catalog on the class path.
 */
public final class Herald {
    private Herald() {}

    private static final class Holder {
        static final EventBus BUS = EventBus.create();
    }

    /** The process-wide bus. */
    public static EventBus bus() {
        return Holder.BUS;
    }

    /** Emits on the process-wide bus; see {@link EventBus#emit(Record)}. */
    public static void emit(Record event) {
        Holder.BUS.emit(event);
    }
}
