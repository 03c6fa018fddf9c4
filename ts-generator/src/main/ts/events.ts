// Development fixture, not shipped: the processor writes the real events.ts next to the runtime
// files. It has the shape of a generated one (the original design's events, trimmed) so that the
// runtime type-checks and its tests have events to subscribe to.

export const Events = {
  ASSET_CREATED: "asset.created",
  ASSET_DELETED: "asset.deleted",
  FS_CHANGED: "fs.changed",
  FS_CREATED: "fs.created",
  TASK_COMPLETED: "task.completed",
  TASK_PROGRESS: "task.progress",
} as const;

export type EventName = (typeof Events)[keyof typeof Events];

export interface AssetCreated {
  readonly AssetID: string;
}

export interface AssetDeleted {
  readonly AssetID: string;
}

export interface FsChanged {
  readonly AssetID: string;
  readonly Path: string;
}

export interface FsCreated {
  readonly AssetID: string;
  readonly Path: string;
  readonly IsDir: boolean;
}

export interface TaskCompleted {
  readonly TaskID: string;
  readonly Success: boolean;
  readonly Error: string | null;
}

export interface TaskProgress {
  readonly TaskID: string;
  readonly Total: number;
  readonly Done: number;
}

export interface EventPayloads {
  "asset.created": AssetCreated;
  "asset.deleted": AssetDeleted;
  "fs.changed": FsChanged;
  "fs.created": FsCreated;
  "task.completed": TaskCompleted;
  "task.progress": TaskProgress;
}

export type EventMessage = {
  [N in EventName]: { readonly event: N; readonly data: EventPayloads[N]; readonly ts: number; readonly id?: string };
}[EventName];

export const EventGroups = {
  asset: ["asset.created", "asset.deleted"],
  fs: ["fs.changed", "fs.created"],
  task: ["task.completed", "task.progress"],
} as const;

export const EventKeys: { readonly [N in EventName]?: string } = {
  "fs.changed": "AssetID",
  "fs.created": "AssetID",
};
