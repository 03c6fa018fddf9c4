package dev.herald.sample.notes;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The notes API: the data that pages re-fetch when an event says it changed. */
@RestController
@RequestMapping("/api/notes")
public class NotesController {
    private final NoteService notes;

    public NotesController(NoteService notes) {
        this.notes = notes;
    }

    @GetMapping
    public List<Note> list(Principal user) {
        return notes.list(user.getName());
    }

    @PostMapping
    public ResponseEntity<Note> create(Principal user, @RequestBody Map<String, String> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(notes.create(user.getName(), title(body)));
    }

    @PutMapping("/{id}")
    public ResponseEntity<Note> rename(Principal user, @PathVariable String id, @RequestBody Map<String, String> body) {
        return ResponseEntity.of(notes.rename(user.getName(), id, title(body)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Principal user, @PathVariable String id) {
        return notes.delete(user.getName(), id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /**
     * The note's events, as records: Spring's JSON mapper writes them with Herald's generated codecs
     * (the starter registers them with it), byte for byte the {@code data} the socket sent.
     */
    @GetMapping("/{id}/history")
    public ResponseEntity<List<OwnedEvent>> history(Principal user, @PathVariable String id) {
        return ResponseEntity.of(notes.history(user.getName(), id));
    }

    private static String title(Map<String, String> body) {
        String title = body.getOrDefault("title", "").strip();
        return title.isEmpty() ? "Untitled" : title;
    }

    /** Who is logged in, for the page. */
    @GetMapping("/me")
    public Map<String, String> me(Principal user) {
        return Map.of("name", user.getName());
    }
}
