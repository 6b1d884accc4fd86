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
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The {@code keyword} model: Lucene BM25 retrieval over the training utterances (in memory,
 * {@link EnglishAnalyzer}). The label is a BM25-weighted vote of the top {@code k} hits ({@link
 * io.tbms.zoo.model.ModelSettings#keywordTopK()}, default 1: the best hit's label); the score is
 * the winning label's share of the BM25 mass of the top {@value #SCORE_HITS} hits, so that even
 * top-1 has a graded score. An utterance with no indexed term is {@code oos} with score 0.
 *
 * <p>Chosen on the CLINC150 val split by in-scope accuracy + oos recall after the oos threshold,
 * over {English, Standard} analyzers × k ∈ {1, 3, 5, 10, 20}: English top-1 scored 0.799 + 0.67;
 * votes of 5–10 gain up to 4 points of accuracy but lose more oos recall (standard k = 10: 0.848 +
 * 0.47). The index builds in about a second, so it is not cached. Thread-safe (Lucene searchers
 * and analyzers are).
 */
final class Bm25Classifier implements Classifier {

  static final int SCORE_HITS = 10;
  private static final String TEXT = "text";
  private static final String LABEL = "label";

  private final Analyzer analyzer;
  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final String[] labelOfDoc;
  private final int topK;

  private Bm25Classifier(Analyzer analyzer, ByteBuffersDirectory directory, int topK) throws IOException {
    this.analyzer = analyzer;
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity());
    this.topK = topK;
    // labels by doc id, read once: merges may reorder documents, so insertion order is no guide
    this.labelOfDoc = new String[reader.maxDoc()];
    StoredFields stored = reader.storedFields();
    for (int doc = 0; doc < labelOfDoc.length; doc++) {
      labelOfDoc[doc] = stored.document(doc).get(LABEL);
    }
  }

  static Bm25Classifier train(List<LabeledText> train, int topK) {
    Analyzer analyzer = new EnglishAnalyzer();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (LabeledText item : train) {
        Document doc = new Document();
        doc.add(new TextField(TEXT, item.text(), Field.Store.NO));
        doc.add(new StoredField(LABEL, item.label()));
        writer.addDocument(doc);
      }
      writer.commit();
      return new Bm25Classifier(analyzer, directory, topK);
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
      while (stream.incrementToken() && terms < IndexSearcher.getMaxClauseCount()) {
        query.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
        terms++;
      }
      stream.end();
    }
    ScoreDoc[] hits = terms == 0
        ? new ScoreDoc[0]
        : searcher.search(query.build(), Math.max(topK, SCORE_HITS)).scoreDocs;
    if (hits.length == 0) {
      return new Prediction(Prediction.OUT_OF_SCOPE, 0f);
    }
    Map<String, Double> votes = new HashMap<>();
    for (int i = 0; i < Math.min(topK, hits.length); i++) {
      votes.merge(labelOfDoc[hits[i].doc], (double) hits[i].score, Double::sum);
    }
    String best = null;
    double bestVotes = -1;
    for (Map.Entry<String, Double> vote : votes.entrySet()) {
      if (vote.getValue() > bestVotes || (vote.getValue() == bestVotes && vote.getKey().compareTo(best) < 0)) {
        best = vote.getKey();
        bestVotes = vote.getValue();
      }
    }
    double mass = 0;
    double total = 0;
    for (ScoreDoc hit : hits) {
      total += hit.score;
      mass += labelOfDoc[hit.doc].equals(best) ? hit.score : 0;
    }
    return new Prediction(best, total > 0 ? (float) Math.min(1.0, mass / total) : 0f);
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
