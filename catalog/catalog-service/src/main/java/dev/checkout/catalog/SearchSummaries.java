package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * What a result shows, kept in one binary doc value per product: a page of results reads twenty short values instead
 * of decompressing a block of stored fields per result (about an eighth of a search's CPU: JFR).
 */
final class SearchSummaries {

    static final String FIELD = "summary";

    private SearchSummaries() {
    }

    /** {@code shown} in the order of {@link SearchDocuments#SHOWN}; null where a product has no value. */
    static BytesRef encode(String productId, String[] shown, int ratingTenths, int reviewCount, boolean inStock) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeString(productId);
            for (String value : shown) {
                out.writeByte((byte) (value == null ? 0 : 1));
                if (value != null) {
                    out.writeString(value);
                }
            }
            out.writeZInt(ratingTenths);
            out.writeZInt(reviewCount);
            out.writeByte((byte) (inStock ? 1 : 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return new BytesRef(out.toArrayCopy());
    }

    static ProductViews.Summary decode(BytesRef bytes) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        String productId = in.readString();
        String[] shown = new String[SearchDocuments.SHOWN.length];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = in.readByte() == 0 ? null : in.readString();
        }
        int rating = in.readZInt();
        int reviews = in.readZInt();
        boolean inStock = in.readByte() == 1;
        return new ProductViews.Summary(productId, shown[0], shown[1], shown[2], shown[3], new BigDecimal(shown[4]),
                shown[5] == null ? null : new BigDecimal(shown[5]), shown[6], BigDecimal.valueOf(rating, 1), reviews, inStock);
    }

    /** The summaries of {@code hits} from {@code from} on, in the hits' order. */
    static List<ProductViews.Summary> of(IndexReader reader, ScoreDoc[] hits, int from) throws IOException {
        int count = Math.max(0, hits.length - from);
        Integer[] byDoc = new Integer[count];
        for (int i = 0; i < count; i++) {
            byDoc[i] = from + i;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc)); // doc values are read forwards
        ProductViews.Summary[] summaries = new ProductViews.Summary[count];
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        BinaryDocValues values = null;
        for (Integer hit : byDoc) {
            int doc = hits[hit].doc;
            int leaf = ReaderUtil.subIndex(doc, leaves);
            if (leaf != leafIndex) {
                leafIndex = leaf;
                values = leaves.get(leaf).reader().getBinaryDocValues(FIELD);
            }
            if (values == null || !values.advanceExact(doc - leaves.get(leaf).docBase)) {
                throw new IllegalStateException("search document " + doc + " has no summary");
            }
            summaries[hit - from] = decode(values.binaryValue());
        }
        return Arrays.asList(summaries);
    }
}
