package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;

/**
 * The {@code keyword} model: Lucene BM25 retrieval over the training utterances (English
 * analyzer, in memory). The label is a BM25-weighted vote of the top {@link #TOP_K} hits; the score
 * is the winning label's share of those hits' BM25 mass. An utterance with no matching term scores 0.
 * The index builds in about a second, so it is not cached.
 */
final class Bm25Classifier implements Classifier {

  static final int TOP_K = 5;
  private static final String TEXT = "text";
  private static final String LABEL = "label";

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final String fallbackLabel;

  private Bm25Classifier(ByteBuffersDirectory directory, String fallbackLabel) throws IOException {
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity());
    this.fallbackLabel = fallbackLabel;
  }

  static Bm25Classifier train(List<LabeledText> train) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (LabeledText item : train) {
        Document doc = new Document();
        doc.add(new TextField(TEXT, item.text(), Field.Store.NO));
        doc.add(new StoredField(LABEL, item.label()));
        writer.addDocument(doc);
      }
      writer.commit();
      return new Bm25Classifier(directory, train.get(0).label());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    List<Prediction> out = new ArrayList<>(texts.size());
    try {
      for (String text : texts) {
        out.add(classify(text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private Prediction classify(String text) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && terms < BooleanQuery.getMaxClauseCount()) {
        query.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
        terms++;
      }
      stream.end();
    }
    if (terms == 0) {
      return new Prediction(fallbackLabel, 0f);
    }
    ScoreDoc[] hits = searcher.search(query.build(), TOP_K).scoreDocs;
    if (hits.length == 0) {
      return new Prediction(fallbackLabel, 0f);
    }
    Map<String, Double> votes = new HashMap<>();
    double total = 0;
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits) {
      String label = stored.document(hit.doc).get(LABEL);
      votes.merge(label, (double) hit.score, Double::sum);
      total += hit.score;
    }
    Map.Entry<String, Double> best = null;
    for (Map.Entry<String, Double> vote : votes.entrySet()) {
      if (best == null || vote.getValue() > best.getValue()) {
        best = vote;
      }
    }
    return new Prediction(best.getKey(), (float) Math.min(1.0, best.getValue() / total));
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
