package dev.checkout.catalog;

import java.io.IOException;
import java.util.Objects;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FilterScorer;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * One word of a several-word query: its own score plus a fixed amount when it matches, so that adding up the words
 * ranks products by how many words they match first and by relevance within that. Products matching every word come
 * first without a second evaluation of every word (an "all words" conjunction beside the "any word" disjunction cost
 * about an eighth of a search's CPU: JFR).
 */
final class WordMatchQuery extends Query {

    private final Query word;
    private final float perMatch;

    WordMatchQuery(Query word, float perMatch) {
        this.word = word;
        this.perMatch = perMatch;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = word.createWeight(searcher, scoreMode, boost);
        float added = perMatch * boost;
        return new FilterWeight(this, inner) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                ScorerSupplier supplier = in.scorerSupplier(context);
                if (supplier == null) {
                    return null;
                }
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        return new PlusConstant(supplier.get(leadCost), added);
                    }

                    @Override
                    public long cost() {
                        return supplier.cost();
                    }
                };
            }
        };
    }

    private static final class PlusConstant extends FilterScorer {
        private final float added;

        PlusConstant(Scorer in, float added) {
            super(in);
            this.added = added;
        }

        @Override
        public float score() throws IOException {
            return in.score() + added;
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            return in.getMaxScore(upTo) + added;
        }
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = word.rewrite(searcher);
        return rewritten == word ? this : new WordMatchQuery(rewritten, perMatch);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        word.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "(" + word.toString(field) + ")+" + perMatch;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && word.equals(((WordMatchQuery) other).word) && perMatch == ((WordMatchQuery) other).perMatch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), word, perMatch);
    }
}
