package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns the shopper's query into Lucene queries. Each word matches in any text field, the best field counting
 * (name, brand, category, description, boosted in that order), exactly or with the typos the contract allows; BM25
 * scores the matches, and a product matching more words ranks above one matching fewer ({@link WordMatchQuery}), so
 * those matching every word come first. Filters do not score; each facet dimension's filter is kept apart so that
 * dimension's counts can follow the other filters only ({@link FacetedCollection}).
 */
final class SearchQueries {

    /** A query this long is a paste, not a search; the words after it add cost and no precision. */
    static final int MAX_WORDS = 12;
    /**
     * Added for each word a product matches: more than the BM25 scores of eleven other words can add up to (a word
     * scores at most a few hundred: its best field's boost, at most 8, times an idf below 12 for 100,000 products, plus
     * a tenth of its other fields and typos), so a product matching more words always ranks above one matching fewer,
     * and BM25 orders the products matching as many.
     */
    static final float PER_WORD_MATCHED = 10_000f;
    private static final float TYPO_WEIGHT = 0.4f;
    private static final int MAX_EXPANSIONS = 50;
    private static final BigDecimal LARGEST_CENTS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal SMALLEST_CENTS = BigDecimal.valueOf(Long.MIN_VALUE);

    enum Dimension { BRAND, CATEGORY, PRICE, RATING }

    /** The text query (null without {@code q}), the filters that are facet dimensions, and the others. */
    record Parts(Query text, Map<Dimension, Query> dimensions, List<Query> others) {

        Query all() {
            return without(null);
        }

        /** The text and the filters that are no facet dimension: the hits every facet counts among. */
        Query base() {
            if (text != null && others.isEmpty()) {
                return text;
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            query.add(text != null ? text : new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            others.forEach(filter -> query.add(filter, BooleanClause.Occur.FILTER));
            return query.build();
        }

        /** Everything but the filter of {@code dimension}: what that dimension's facet counts. */
        Query without(Dimension dimension) {
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            query.add(text != null ? text : new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            dimensions.forEach((d, filter) -> {
                if (d != dimension) {
                    query.add(filter, BooleanClause.Occur.FILTER);
                }
            });
            others.forEach(filter -> query.add(filter, BooleanClause.Occur.FILTER));
            return query.build();
        }
    }

    private SearchQueries() {
    }

    static Parts of(ProductSearch.Query query, TypoVocabulary vocabulary) {
        Map<Dimension, Query> dimensions = new EnumMap<>(Dimension.class);
        if (hasText(query.brand())) {
            dimensions.put(Dimension.BRAND, new TermQuery(new Term(SearchDocuments.BRAND_KEY, SearchDocuments.brandKey(query.brand()))));
        }
        if (hasText(query.category())) {
            dimensions.put(Dimension.CATEGORY, new TermQuery(new Term(SearchDocuments.CATEGORY_TREE, SearchDocuments.categoryKey(query.category()))));
        }
        if (query.minPrice() != null || query.maxPrice() != null) {
            long min = query.minPrice() == null ? Long.MIN_VALUE : cents(query.minPrice(), RoundingMode.CEILING);
            long max = query.maxPrice() == null ? Long.MAX_VALUE : cents(query.maxPrice(), RoundingMode.FLOOR);
            dimensions.put(Dimension.PRICE, new IndexOrDocValuesQuery(LongPoint.newRangeQuery(SearchDocuments.PRICE, min, max),
                    NumericDocValuesField.newSlowRangeQuery(SearchDocuments.PRICE, min, max)));
        }
        if (query.minRating() != null) {
            int min = query.minRating().movePointRight(1).setScale(0, RoundingMode.CEILING).intValue();
            dimensions.put(Dimension.RATING, new IndexOrDocValuesQuery(IntPoint.newRangeQuery(SearchDocuments.RATING, min, Integer.MAX_VALUE),
                    NumericDocValuesField.newSlowRangeQuery(SearchDocuments.RATING, min, Integer.MAX_VALUE)));
        }
        List<Query> others = new ArrayList<>();
        if (query.inStock() != null) {
            others.add(new TermQuery(new Term(SearchDocuments.IN_STOCK, query.inStock().toString())));
        }
        return new Parts(text(query.q(), vocabulary), dimensions, others);
    }

    /** Null when {@code q} has no searchable word. */
    static Query text(String q, TypoVocabulary vocabulary) {
        if (!hasText(q)) {
            return null;
        }
        List<Query> words = new ArrayList<>();
        for (String word : q.trim().split("[\\s,;]+")) {
            if (words.size() == MAX_WORDS) {
                break;
            }
            for (String term : analyze(word)) {
                words.add(word(term, typosOf(term, allowedTypos(word), vocabulary)));
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() == 1) {
            return words.getFirst();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Query word : words) {
            any.add(new WordMatchQuery(word, PER_WORD_MATCHED), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * The indexed words within {@code typos} of {@code term}. A typo can hide a plural from the stemmer: "earbuds" is
     * indexed as "earbud", but "earbdus" ends in "us", which the stemmer keeps, and is two edits from "earbud" for one
     * typo of the shopper's. So a term the stemmer left ending in "s" is also tried without it.
     */
    static List<TypoVocabulary.Match> typosOf(String term, int typos, TypoVocabulary vocabulary) {
        List<TypoVocabulary.Match> near = vocabulary.near(term, typos);
        if (typos == 0 || term.length() < 4 || !term.endsWith("s")) {
            return near;
        }
        Map<String, TypoVocabulary.Match> closest = new LinkedHashMap<>();
        for (TypoVocabulary.Match match : near) {
            closest.put(match.field() + '\u0000' + match.term(), match);
        }
        for (TypoVocabulary.Match match : vocabulary.near(term.substring(0, term.length() - 1), typos)) {
            if (!match.term().equals(term)) {
                closest.merge(match.field() + '\u0000' + match.term(), match, (a, b) -> a.typos() <= b.typos() ? a : b);
            }
        }
        return List.copyOf(closest.values());
    }

    /** One typo per word, two from eight letters; none below three letters, where one typo matches almost anything. */
    static int allowedTypos(String word) {
        int letters = word.codePointCount(0, word.length());
        return letters >= 8 ? 2 : letters >= 3 ? 1 : 0;
    }

    /**
     * The word in its best field; an exact match scores above a match with a typo, one typo above two. Like Lucene's
     * fuzzy query, the closest {@value #MAX_EXPANSIONS} indexed words stand in for the word's typos.
     */
    private static Query word(String term, List<TypoVocabulary.Match> near) {
        List<Query> fields = new ArrayList<>();
        for (int i = 0; i < SearchDocuments.TEXT_FIELDS.length; i++) {
            fields.add(new BoostQuery(new TermQuery(new Term(SearchDocuments.TEXT_FIELDS[i], term)), SearchDocuments.BOOSTS[i]));
        }
        near.stream().sorted(java.util.Comparator.comparingInt(TypoVocabulary.Match::typos)).limit(MAX_EXPANSIONS).forEach(match -> {
            float boost = SearchDocuments.boostOf(match.field()) * TYPO_WEIGHT / match.typos();
            fields.add(new BoostQuery(new TermQuery(new Term(match.field(), match.term())), boost));
        });
        return new DisjunctionMaxQuery(fields, 0.1f);
    }

    static List<String> analyze(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = SearchDocuments.ANALYZER.tokenStream(SearchDocuments.NAME, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static long cents(BigDecimal amount, RoundingMode rounding) {
        // A bound beyond what a long holds is no bound: longValue() would wrap it round to some other price.
        BigDecimal cents = amount.movePointRight(2).setScale(0, rounding);
        return cents.compareTo(LARGEST_CENTS) > 0 ? Long.MAX_VALUE : cents.compareTo(SMALLEST_CENTS) < 0 ? Long.MIN_VALUE : cents.longValue();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
