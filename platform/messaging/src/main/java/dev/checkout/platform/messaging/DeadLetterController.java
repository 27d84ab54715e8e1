package dev.checkout.platform.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin view of dead letters: {@code GET /api/v1/admin/dead-letters?topic=} and {@code POST …/{id}/replay}. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String topic,
                             @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer limit) {
        PageQuery query = PageQuery.of(page, limit);
        List<DeadLetters.DeadLetter> letters = deadLetters.list(topic, query.page(), query.limit());
        return Map.of("dead_letters", letters, "pagination", Pagination.of(query, deadLetters.count(topic)));
    }

    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String id) {
        Instant replayedAt = deadLetters.replay(id).orElseThrow(() -> ApiException.notFound("Dead letter", id));
        return Map.of("id", id, "replayed_at", replayedAt);
    }
}
