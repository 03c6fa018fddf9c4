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
import reactor.core.publisher.Mono;

/** The notes API, reactive: the data that pages re-fetch when an event says it changed. */
@RestController
@RequestMapping("/api/notes")
public class ReactiveNotesController {
    private final NoteService notes;

    public ReactiveNotesController(NoteService notes) {
        this.notes = notes;
    }

    @GetMapping
    public Mono<List<Note>> list(Mono<Principal> user) {
        return user.map(principal -> notes.list(principal.getName()));
    }

    @PostMapping
    public Mono<ResponseEntity<Note>> create(Mono<Principal> user, @RequestBody Map<String, String> body) {
        return user.map(principal ->
                ResponseEntity.status(HttpStatus.CREATED).body(notes.create(principal.getName(), title(body))));
    }

    @PutMapping("/{id}")
    public Mono<ResponseEntity<Note>> rename(
            Mono<Principal> user, @PathVariable String id, @RequestBody Map<String, String> body) {
        return user.map(principal -> ResponseEntity.of(notes.rename(principal.getName(), id, title(body))));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Void>> delete(Mono<Principal> user, @PathVariable String id) {
        return user.map(principal -> notes.delete(principal.getName(), id)
                ? ResponseEntity.noContent().<Void>build()
                : ResponseEntity.notFound().<Void>build());
    }

    /**
     * The note's events, as records: WebFlux's JSON encoder writes them with Herald's generated
     * codecs (the starter registers them with Boot's mapper), the {@code data} the socket sent.
     */
    @GetMapping("/{id}/history")
    public Mono<ResponseEntity<List<OwnedEvent>>> history(Mono<Principal> user, @PathVariable String id) {
        return user.map(principal -> ResponseEntity.of(notes.history(principal.getName(), id)));
    }

    private static String title(Map<String, String> body) {
        String title = body.getOrDefault("title", "").strip();
        return title.isEmpty() ? "Untitled" : title;
    }

    /** Who is logged in, for the page. */
    @GetMapping("/me")
    public Mono<Map<String, String>> me(Mono<Principal> user) {
        return user.map(principal -> Map.of("name", principal.getName()));
    }
}
