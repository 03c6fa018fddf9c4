// The notes page: the list comes from the HTTP API; Herald's events only say when to fetch it again.
import { RefreshController } from "@/events/async";
import { EventClient, type ConnectionState } from "@/events/event_client";
import { Events } from "@/events/events";

interface Note {
  readonly id: string;
  readonly title: string;
}

const list = document.querySelector<HTMLUListElement>("#notes")!;
const form = document.querySelector<HTMLFormElement>("#add")!;
const status = document.querySelector<HTMLSpanElement>("#status")!;

function render(notes: readonly Note[]): void {
  list.replaceChildren(
    ...notes.map((note) => {
      const item = document.createElement("li");
      item.textContent = note.title;
      const remove = document.createElement("button");
      remove.textContent = "Delete";
      remove.onclick = () => void fetch(`/api/notes/${note.id}`, { method: "DELETE" });
      item.append(" ", remove);
      return item;
    }),
  );
}

const notes = new RefreshController<Note[]>(
  (signal) => fetch("/api/notes", { signal }).then((response) => response.json() as Promise<Note[]>),
  render,
  { delay: 50 },
);

// Same origin as the page: the browser sends the login's session cookie with the upgrade request.
const client = new EventClient();
for (const name of [Events.NOTE_CREATED, Events.NOTE_UPDATED, Events.NOTE_DELETED]) {
  client.on(name, () => notes.notify());
}
client.onResync(() => notes.notify());
client.onStateChange((state: ConnectionState) => (status.textContent = state));
client.start();
void notes.refresh();

form.onsubmit = (event) => {
  event.preventDefault();
  const title = new FormData(form).get("title");
  form.reset();
  void fetch("/api/notes", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  });
};
