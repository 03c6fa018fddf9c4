// The demo's REST API. Events say *that* something changed; these calls fetch *what*.

export interface Asset {
  id: string;
  name: string;
}

export interface FileEntry {
  name: string;
  path: string;
  dir: boolean;
  size: number;
  modified: number;
}

export interface Task {
  id: string;
  title: string;
  total: number;
  done: number;
  status: "running" | "completed";
}

async function call<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => ({ error: response.statusText }))) as { error?: string };
    throw new Error(error.error ?? `${response.status}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const api = {
  listAssets: (signal?: AbortSignal) => call<Asset[]>("GET", "/api/assets", undefined, signal),
  createAsset: (name: string) => call<Asset>("POST", "/api/assets", { name }),
  deleteAsset: (id: string) => call<void>("DELETE", `/api/assets/${encodeURIComponent(id)}`),
  listFiles: (assetId: string, path = "/", signal?: AbortSignal) =>
    call<FileEntry[]>(
      "GET",
      `/api/fs/list?assetId=${encodeURIComponent(assetId)}&path=${encodeURIComponent(path)}`,
      undefined,
      signal,
    ),
  createFile: (assetId: string, path: string, dir: boolean) =>
    call<FileEntry>("POST", "/api/fs/files", { assetId, path, dir, content: dir ? undefined : "" }),
  rename: (assetId: string, from: string, to: string) => call<void>("POST", "/api/fs/rename", { assetId, from, to }),
  deleteFile: (assetId: string, path: string) =>
    call<void>("DELETE", `/api/fs/files?assetId=${encodeURIComponent(assetId)}&path=${encodeURIComponent(path)}`),
  listTasks: (signal?: AbortSignal) => call<Task[]>("GET", "/api/tasks", undefined, signal),
  startTask: (title: string) => call<Task>("POST", "/api/tasks", { title }),
};
