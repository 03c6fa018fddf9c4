// The original design's frontend snippets, written against the generated files exactly as the
// design shows them. tsc --strict must accept every line, and reject each @ts-expect-error line.

import { useCallback, useEffect, useState } from "react";
import {
  Events,
  useAssetRefresh,
  useEvent,
  useEventClientInit,
  useFSRefresh,
  useOnFSChange,
  useTunnelRefresh,
} from "@/api/event_hooks";
import type { EventPayloads } from "@/api/events";

interface FileEntry {
  name: string;
}

declare const api: {
  listFiles(assetId: string): Promise<FileEntry[]>;
  listAssets(): Promise<string[]>;
  listTunnels(): Promise<string[]>;
};
declare const toast: { success(message: string): void };

export function App() {
  useEventClientInit();
  return null;
}

export function FileManager({ assetId }: { assetId: string }) {
  const { data: files, loading, refresh } = useFSRefresh(assetId, () => api.listFiles(assetId), { delay: 100 });
  const count: number | undefined = files?.length;
  void loading;
  void refresh;
  return count;
}

export function AssetTree() {
  const { data: assets, refresh } = useAssetRefresh(() => api.listAssets());
  void refresh;
  return assets;
}

export function TunnelList() {
  const { data: tunnels } = useTunnelRefresh(() => api.listTunnels());
  return tunnels;
}

export function SelfManagedFileManager({ assetId }: { assetId: string }) {
  const [files, setFiles] = useState<FileEntry[]>([]);

  const refresh = useCallback(() => {
    api.listFiles(assetId).then(setFiles);
  }, [assetId]);

  useOnFSChange(assetId, refresh, 100); // 100ms debounce

  useEffect(() => {
    refresh();
  }, [refresh]);

  return files;
}

export function Component() {
  useEvent(Events.TASK_COMPLETED, (data) => {
    if (data.Success) {
      toast.success("Task completed!");
    }
  });
}

export function Mistakes({ assetId }: { assetId: string }) {
  useEvent(Events.TASK_COMPLETED, (data) => {
    // @ts-expect-error a misspelled field does not compile
    void data.Sucess;
  });
  useEvent(Events.FS_CREATED, (data) => {
    const path: string = data.Path;
    // @ts-expect-error fs.created carries no TaskID
    void data.TaskID;
    void path;
  });
  // @ts-expect-error the payload of another event is not accepted for task.completed
  const wrong: EventPayloads["task.completed"] = { AssetID: assetId, Path: "/", IsDir: false };
  void wrong;
  // @ts-expect-error the fs hooks need the asset id key
  useFSRefresh(() => api.listFiles(assetId), { delay: 100 });
  // @ts-expect-error the key is a string
  useOnFSChange(42, () => {}, 100);
  // @ts-expect-error no such event
  useEvent("fs.creatd", () => {});
  // @ts-expect-error asset events have no key, so there is no key parameter
  useAssetRefresh(assetId, () => api.listAssets());
}
