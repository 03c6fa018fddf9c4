import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Delayer } from "@/api/async";
import {
  Events,
  useAssetRefresh,
  useEvent,
  useEventClientInit,
  useFSRefresh,
  type ConnectionState,
} from "@/api/event_hooks";
import { useInvalidateOnEvents } from "@/api/event_query";
import { api, type Asset, type FileEntry, type Task } from "./http";

/** The event endpoint: another port of this host, which the server writes into the page. */
function eventsUrl(): string {
  const port = document.querySelector<HTMLMetaElement>('meta[name="herald-events-port"]')?.content;
  const usable = port && /^\d+$/.test(port) ? port : "8081";
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.hostname}:${usable}/api/events/ws`;
}

function useHashAsset(): [string | undefined, (id: string | undefined) => void] {
  const read = () => new URLSearchParams(location.hash.slice(1)).get("asset") ?? undefined;
  const [asset, setAsset] = useState(read);
  useEffect(() => {
    const onChange = () => setAsset(read());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const select = useCallback((id: string | undefined) => {
    location.hash = id ? `asset=${encodeURIComponent(id)}` : "";
    setAsset(id);
  }, []);
  return [asset, select];
}

export function App() {
  const options = useMemo(() => ({ url: eventsUrl() }), []);
  const state = useEventClientInit(undefined, options);
  const [assetId, selectAsset] = useHashAsset();
  const [toasts, setToasts] = useState<{ id: number; text: string }[]>([]);

  const toast = useMemo(
    () => ({
      success(text: string) {
        const id = Date.now() + Math.random();
        setToasts((all) => [...all, { id, text }]);
        setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), 4000);
      },
    }),
    [],
  );

  useEvent(Events.TASK_COMPLETED, (data) => {
    if (data.Success) {
      toast.success("Task completed!");
    }
  });

  return (
    <div className="app">
      <header>
        <h1>
          Herald <span>live file manager</span>
        </h1>
        <ConnectionIndicator state={state} />
      </header>
      <main>
        <AssetTree selected={assetId} onSelect={selectAsset} />
        {assetId ? <FileManager key={assetId} assetId={assetId} /> : <section className="files empty">Pick an asset.</section>}
        <TaskPanel />
      </main>
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className="toast" data-testid="toast">
            {t.text}
          </div>
        ))}
      </div>
    </div>
  );
}

function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const label: Record<ConnectionState, string> = {
    connecting: "Connecting…",
    open: "Live",
    reconnecting: "Reconnecting…",
    closed: "Offline",
  };
  return (
    <div className={`connection ${state}`} data-testid="connection" data-state={state}>
      <span className="dot" />
      {label[state]}
    </div>
  );
}

function AssetTree({ selected, onSelect }: { selected?: string; onSelect: (id: string | undefined) => void }) {
  const { data: assets, error } = useAssetRefresh(() => api.listAssets());
  const [name, setName] = useState("");

  useEffect(() => {
    if (assets && assets.length > 0 && (!selected || !assets.some((a) => a.id === selected))) {
      onSelect(assets[0].id);
    }
  }, [assets, selected, onSelect]);

  const create = async () => {
    if (name.trim()) {
      const asset = await api.createAsset(name.trim());
      setName("");
      onSelect(asset.id);
    }
  };

  return (
    <nav className="assets">
      <h2>Assets</h2>
      {error ? <p className="error">{String(error)}</p> : null}
      <ul>
        {(assets ?? []).map((asset: Asset) => (
          <li key={asset.id} className={asset.id === selected ? "selected" : ""}>
            <button className="link" onClick={() => onSelect(asset.id)} data-testid={`asset-${asset.id}`}>
              {asset.name}
            </button>
            <button className="icon" title="Delete asset" onClick={() => api.deleteAsset(asset.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="New asset" />
        <button type="submit">Add</button>
      </form>
    </nav>
  );
}

function FileManager({ assetId }: { assetId: string }) {
  const [path, setPath] = useState("/");
  const { data: files, loading, error } = useFSRefresh(assetId, () => api.listFiles(assetId, path), { delay: 100 });
  const [newName, setNewName] = useState("");
  const [renaming, setRenaming] = useState<string | undefined>();
  const [filter, setFilter] = useState("");
  const [typed, setTyped] = useState("");
  const delayer = useRef(new Delayer<void>(100));
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => () => delayer.current.dispose(), []);

  const attempt = async (action: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await action();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };
  const join = (name: string) => (path === "/" ? `/${name}` : `${path}/${name}`);
  const visible = (files ?? []).filter((f: FileEntry) => f.name.toLowerCase().includes(filter.toLowerCase()));

  return (
    <section className="files" data-testid="files">
      <div className="toolbar">
        <h2>
          {assetId}
          <span className="path">{path}</span>
        </h2>
        {path !== "/" ? (
          <button onClick={() => setPath(path.slice(0, path.lastIndexOf("/")) || "/")}>Up</button>
        ) : null}
        <input
          placeholder="Filter"
          value={typed}
          onChange={(e) => {
            const value = e.target.value;
            setTyped(value);
            delayer.current.trigger(() => setFilter(value)).catch(() => undefined);
          }}
        />
      </div>
      {error ? <p className="error">{String(error)}</p> : null}
      {failure ? <p className="error" data-testid="failure">{failure}</p> : null}
      <table>
        <tbody>
          {visible.map((file) => (
            <tr key={file.path} data-testid="file-row" data-name={file.name}>
              <td className="name">
                {renaming === file.path ? (
                  <input
                    autoFocus
                    defaultValue={file.name}
                    data-testid="rename-input"
                    onKeyDown={(e) => {
                      if (e.key === "Enter") {
                        const to = join(e.currentTarget.value.trim());
                        setRenaming(undefined);
                        void attempt(() => api.rename(assetId, file.path, to));
                      } else if (e.key === "Escape") {
                        setRenaming(undefined);
                      }
                    }}
                  />
                ) : file.dir ? (
                  <button className="link" onClick={() => setPath(file.path)}>
                    <Icon dir />
                    {file.name}
                  </button>
                ) : (
                  <span>
                    <Icon dir={false} />
                    {file.name}
                  </span>
                )}
              </td>
              <td className="size">{file.dir ? "" : `${file.size} B`}</td>
              <td className="actions">
                <button onClick={() => setRenaming(file.path)} data-testid="rename">
                  Rename
                </button>
                <button onClick={() => void attempt(() => api.deleteFile(assetId, file.path))} data-testid="delete">
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {files && visible.length === 0 ? (
            <tr>
              <td colSpan={3} className="empty">
                {loading ? "Loading…" : "No files"}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form
        className="create"
        onSubmit={(e) => {
          e.preventDefault();
          const dir = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("data-kind") === "folder";
          if (newName.trim()) {
            const target = join(newName.trim());
            setNewName("");
            void attempt(() => api.createFile(assetId, target, dir));
          }
        }}
      >
        <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="name.txt" data-testid="new-name" />
        <button type="submit" data-kind="file" data-testid="create-file">
          New file
        </button>
        <button type="submit" data-kind="folder" data-testid="create-folder">
          New folder
        </button>
      </form>
    </section>
  );
}

function Icon({ dir }: { dir: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      {dir ? (
        <path d="M1.5 3.5h4l1.5 1.5h7.5v8h-13z" fill="#f2c94c" stroke="#d4a72c" />
      ) : (
        <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" fill="#fff" stroke="#8a93a6" />
      )}
    </svg>
  );
}

/** The task list through TanStack Query: task events mark its query stale (event_query.ts). */
function TaskPanel() {
  const { data: tasks } = useQuery({ queryKey: ["tasks"], queryFn: () => api.listTasks() });
  useInvalidateOnEvents({ [Events.TASK_CREATED]: [["tasks"]], [Events.TASK_COMPLETED]: [["tasks"]] }, { delay: 100 });
  const [progress, setProgress] = useState<Record<string, number>>({});

  useEvent(Events.TASK_PROGRESS, (data) => {
    setProgress((all) => ({ ...all, [data.TaskID]: data.Total > 0 ? data.Done / data.Total : 0 }));
  });

  return (
    <aside className="tasks">
      <h2>Tasks</h2>
      <button onClick={() => void api.startTask("Upload demo.iso")} data-testid="start-task">
        Start upload
      </button>
      <ul>
        {(tasks ?? []).map((task: Task) => {
          const fraction = progress[task.id] ?? (task.total > 0 ? task.done / task.total : 0);
          const percent = Math.round(fraction * 100);
          return (
            <li key={task.id} data-testid="task" data-task={task.id}>
              <div className="task-title">
                {task.title}
                <span data-testid="task-percent">{percent}%</span>
              </div>
              <div className="bar">
                <div className="fill" style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
