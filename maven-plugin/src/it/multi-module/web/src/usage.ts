// What a frontend writes against the one folder herald:generate wrote for files and tasks.
import { Events, EventGroups, type EventPayloads, type TaskDoneState } from "./generated/events";
import { useEvent, useEventClientInit, useFSRefresh, useOnFSChange, useOnTaskChange } from "./generated/event_hooks";
import { useInvalidateOnEvents, useInvalidateOnTaskChange } from "./generated/event_query";

export function useApp(path: string): string[] | undefined {
  useEventClientInit([Events.FS_CREATED, Events.FS_DELETED, Events.TASK_DONE]);
  const files = useFSRefresh(path, async (signal) => {
    const response = await fetch(`/files/${path}`, { signal });
    return (await response.json()) as string[];
  });
  useOnTaskChange(42, () => undefined, 100);
  useInvalidateOnTaskChange(7, ["tasks", 7]);
  useInvalidateOnEvents({ [Events.FS_CREATED]: [["files"]], [Events.TASK_DONE]: (task) => [["tasks", task.taskId]] });
  useEvent(Events.TASK_DONE, (task) => {
    const state: TaskDoneState = task.state;
    const by: string = task.by.id;
    const when: string | null = task.at;
    void [state, by, when];
  });
  return files.data;
}

export const groups: readonly string[] = [...EventGroups.fs, ...EventGroups.task];
export const created: EventPayloads["fs.created"] = { path: "/a", by: { id: "1", name: "n" }, tags: [] };

export function useMistakes(): void {
  // @ts-expect-error: the fs hooks take the path, a string
  useOnFSChange(1, () => undefined);
  // @ts-expect-error: TaskDone has no field `missing`
  useInvalidateOnEvents({ [Events.TASK_DONE]: (task) => [["tasks", task.missing]] });
  // @ts-expect-error: no such event in either module
  useEventClientInit([Events.FS_RENAMED]);
}
