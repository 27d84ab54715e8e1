package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The words of the text fields, so a word of the query can be matched to those within its allowed typos. Lucene's
 * {@code FuzzyQuery} compiles a Levenshtein automaton per query, word and field; for two typos that alone costs tens
 * of milliseconds, the whole budget of a search. Comparing the word with the indexed words of about its length is
 * a fraction of a millisecond for a catalogue's vocabulary. Each segment's words are read once and kept while the
 * segment lives, so a refresh after one product change reads only the new small segment.
 */
final class TypoVocabulary {

    /** A word longer than this is compared exactly only: no shopper misspells a 40-letter token. */
    private static final int LONGEST = 40;

    /** One indexed word within the allowed typos of the query's word. */
    record Match(String field, String term, int typos) {
    }

    /** A segment's words per text field, bucketed by length. */
    private record SegmentWords(Map<String, String[][]> byField) {
    }

    private static final Map<Object, SegmentWords> SEGMENTS = new ConcurrentHashMap<>();

    /** No words: every word matches exactly only. */
    static final TypoVocabulary NONE = new TypoVocabulary(List.of());

    /** Words asked for before, with what they matched: shoppers' words repeat far more than the index changes. */
    private static final int REMEMBERED = 4_096;

    private final List<SegmentWords> segments;
    private final Map<String, List<Match>> asked = new ConcurrentHashMap<>();

    private TypoVocabulary(List<SegmentWords> segments) {
        this.segments = segments;
    }

    static TypoVocabulary of(IndexReader reader) {
        List<SegmentWords> segments = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            segments.add(wordsOf(leaf.reader()));
        }
        return new TypoVocabulary(segments);
    }

    /**
     * The indexed words within {@code typos} of {@code word} (and not {@code word} itself), in every text field. A
     * vocabulary belongs to one searcher, so what it remembers lasts until the index next changes.
     */
    List<Match> near(String word, int typos) {
        if (typos == 0 || word.length() > LONGEST) {
            return List.of();
        }
        String key = typos + word;
        List<Match> matches = asked.get(key);
        if (matches == null) {
            matches = List.copyOf(compare(word, typos));
            if (asked.size() >= REMEMBERED) {
                asked.clear(); // a flood of distinct words: start again rather than track which are asked most
            }
            asked.put(key, matches);
        }
        return matches;
    }

    private List<Match> compare(String word, int typos) {
        List<Match> matches = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SegmentWords segment : segments) {
            segment.byField().forEach((field, byLength) -> {
                for (int length = Math.max(1, word.length() - typos); length <= Math.min(LONGEST, word.length() + typos); length++) {
                    for (String term : byLength[length]) {
                        int distance = distance(word, term, typos);
                        if (distance > 0 && distance <= typos && seen.add(field + '\u0000' + term)) {
                            matches.add(new Match(field, term, distance));
                        }
                    }
                }
            });
        }
        return matches;
    }

    /**
     * Optimal string alignment distance (insertions, deletions, substitutions, and swaps of neighbouring letters each
     * count one), or {@code limit + 1} as soon as it must exceed {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            int best = row[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, row[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                row[j] = value;
                best = Math.min(best, value);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] oldest = before;
            before = previous;
            previous = row;
            row = oldest;
        }
        return Math.min(previous[b.length()], limit + 1);
    }

    private static SegmentWords wordsOf(LeafReader reader) {
        var helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return read(reader);
        }
        SegmentWords words = SEGMENTS.get(helper.getKey());
        if (words == null) {
            words = read(reader);
            if (SEGMENTS.putIfAbsent(helper.getKey(), words) == null) {
                helper.addClosedListener(SEGMENTS::remove);
            }
        }
        return words;
    }

    private static SegmentWords read(LeafReader reader) {
        try {
            Map<String, String[][]> byField = new java.util.HashMap<>();
            for (String field : SearchDocuments.TEXT_FIELDS) {
                List<List<String>> buckets = new ArrayList<>();
                for (int length = 0; length <= LONGEST; length++) {
                    buckets.add(new ArrayList<>());
                }
                Terms terms = reader.terms(field);
                if (terms != null) {
                    TermsEnum each = terms.iterator();
                    for (BytesRef term = each.next(); term != null; term = each.next()) {
                        String word = term.utf8ToString();
                        if (word.length() <= LONGEST) {
                            buckets.get(word.length()).add(word);
                        }
                    }
                }
                byField.put(field, buckets.stream().map(bucket -> bucket.toArray(String[]::new)).toArray(String[][]::new));
            }
            return new SegmentWords(byField);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
