package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.analyzing.FuzzySuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completions for what a shopper is typing, drawn from product names (single words and word pairs) and brands,
 * weighted by how many units of the products they come from were ordered (then by how many products carry them).
 * A prefix of four letters or more may carry one typo. The suggester is an immutable automaton, so changes are
 * collected and it is rebuilt every few seconds when something changed, well within the 15 s the contract allows.
 */
@Component
class Suggestions {

    static final int MAX_LIMIT = 50;

    private record Source(String name, String brand) {
    }

    private final Map<String, Source> products = new ConcurrentHashMap<>();
    private final Map<String, Long> unitsOrdered = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Analyzer analyzer = keywordAnalyzer();
    private volatile Built built;

    /**
     * A suggester with the answers it gave: it never changes once built, so an answer holds until the next rebuild
     * replaces both. What shoppers type is a few thousand prefixes; the cap keeps a flood of odd ones from growing it.
     */
    private record Built(FuzzySuggester suggester, Map<String, List<String>> answers) {
        static final int MAX_ANSWERS = 10_000;
    }

    void remember(String productId, String name, String brand) {
        products.put(productId, new Source(name, brand));
        changed.set(true);
    }

    void forget(String productId) {
        if (products.remove(productId) != null) {
            changed.set(true);
        }
    }

    void clear() {
        products.clear();
    }

    void ordered(String productId, long units) {
        unitsOrdered.merge(productId, units, Long::sum);
        changed.set(true);
    }

    /** Rebuilds the suggester with the popularity read from the catalog's tables. */
    void rebuild(Map<String, Long> popularity) {
        unitsOrdered.clear();
        unitsOrdered.putAll(popularity);
        changed.set(true);
        rebuildIfChanged();
    }

    @Scheduled(fixedDelayString = "${checkout.search.suggest-refresh:PT3S}")
    void rebuildIfChanged() {
        if (!changed.getAndSet(false)) {
            return;
        }
        Map<String, Long> weights = new HashMap<>();
        for (Map.Entry<String, Source> entry : products.entrySet()) {
            long weight = 1 + 1_000 * unitsOrdered.getOrDefault(entry.getKey(), 0L);
            for (String phrase : phrases(entry.getValue())) {
                weights.merge(phrase, weight, Long::sum);
            }
        }
        FuzzySuggester fresh = new FuzzySuggester(new ByteBuffersDirectory(), "suggest", analyzer, analyzer,
                FuzzySuggester.EXACT_FIRST, 256, -1, true, 1, true, 1, 4, false);
        try {
            fresh.build(new Entries(weights.entrySet().iterator()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        built = new Built(fresh, new ConcurrentHashMap<>());
    }

    /** Completes the last word of {@code query}, keeping the words before it. */
    List<String> suggest(String query, int limit) {
        Built current = built;
        String typed = query.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (current == null || typed.isEmpty() || current.suggester().getCount() == 0) {
            return List.of();
        }
        String key = limit + " " + typed;
        List<String> known = current.answers().get(key);
        if (known != null) {
            return known;
        }
        List<String> answer = List.copyOf(lookup(current.suggester(), typed, limit));
        if (current.answers().size() < Built.MAX_ANSWERS) {
            current.answers().put(key, answer);
        }
        return answer;
    }

    private static Set<String> lookup(FuzzySuggester current, String typed, int limit) {
        Set<String> found = new LinkedHashSet<>();
        try {
            for (Lookup.LookupResult result : current.lookup(typed, false, limit)) {
                found.add(result.key.toString());
            }
            int space = typed.lastIndexOf(' ');
            if (space > 0 && found.size() < limit) {
                String head = typed.substring(0, space + 1);
                for (Lookup.LookupResult result : current.lookup(typed.substring(space + 1), false, limit)) {
                    if (found.size() < limit) {
                        found.add(head + result.key);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The lower-cased words of the name, each pair of neighbouring words, and the brand. */
    static Set<String> phrases(Source source) {
        Set<String> phrases = new LinkedHashSet<>();
        List<String> words = Arrays.stream(source.name().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() > 1).toList();
        for (int i = 0; i < words.size(); i++) {
            phrases.add(words.get(i));
            if (i + 1 < words.size()) {
                phrases.add(words.get(i) + " " + words.get(i + 1));
            }
        }
        if (source.brand() != null && !source.brand().isBlank()) {
            phrases.add(source.brand().trim().toLowerCase(Locale.ROOT));
        }
        return phrases;
    }

    private static Analyzer keywordAnalyzer() {
        try {
            return CustomAnalyzer.builder().withTokenizer("keyword").addTokenFilter("lowercase").addTokenFilter("asciiFolding").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The phrases and their weights, as the suggester reads its input. */
    private static final class Entries implements InputIterator {
        private final Iterator<Map.Entry<String, Long>> entries;
        private long weight;

        Entries(Iterator<Map.Entry<String, Long>> entries) {
            this.entries = entries;
        }

        @Override
        public BytesRef next() {
            if (!entries.hasNext()) {
                return null;
            }
            Map.Entry<String, Long> entry = entries.next();
            weight = entry.getValue();
            return new BytesRef(entry.getKey());
        }

        @Override
        public long weight() {
            return Math.min(weight, Integer.MAX_VALUE); // the suggester keeps weights as ints
        }

        @Override
        public BytesRef payload() {
            return null;
        }

        @Override
        public boolean hasPayloads() {
            return false;
        }

        @Override
        public Set<BytesRef> contexts() {
            return null;
        }

        @Override
        public boolean hasContexts() {
            return false;
        }
    }
}
