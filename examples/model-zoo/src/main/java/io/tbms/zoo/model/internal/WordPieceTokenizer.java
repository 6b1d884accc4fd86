package io.tbms.zoo.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as the all-MiniLM-L6-v2 {@code tokenizer.json} describes it:
 * clean text, lowercase, strip accents, split on whitespace and punctuation, then greedy
 * longest-match word pieces with the {@code ##} prefix; {@code [CLS] … [SEP]}, at most
 * {@link #MAX_TOKENS} tokens. Immutable; thread-safe.
 */
final class WordPieceTokenizer {

  static final int MAX_TOKENS = 128;
  private static final int MAX_WORD_CHARS = 100;

  private final Map<String, Integer> vocab;
  private final int unk;
  private final int cls;
  private final int sep;

  private WordPieceTokenizer(Map<String, Integer> vocab) {
    this.vocab = vocab;
    this.unk = vocab.get("[UNK]");
    this.cls = vocab.get("[CLS]");
    this.sep = vocab.get("[SEP]");
  }

  static WordPieceTokenizer fromTokenizerJson(InputStream json) {
    try {
      JsonNode vocabNode = new ObjectMapper().readTree(json).path("model").path("vocab");
      Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
      Iterator<Map.Entry<String, JsonNode>> fields = vocabNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        vocab.put(field.getKey(), field.getValue().asInt());
      }
      if (vocab.isEmpty()) {
        throw new IllegalArgumentException("tokenizer.json has no model.vocab");
      }
      return new WordPieceTokenizer(vocab);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Token ids of one utterance, with {@code [CLS]} and {@code [SEP]}. */
  long[] encode(String text) {
    List<Long> ids = new ArrayList<>();
    ids.add((long) cls);
    for (String word : basicTokens(text)) {
      wordPieces(word, ids);
      if (ids.size() >= MAX_TOKENS - 1) {
        break;
      }
    }
    int n = Math.min(ids.size(), MAX_TOKENS - 1);
    long[] out = new long[n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = ids.get(i);
    }
    out[n] = sep;
    return out;
  }

  private static List<String> basicTokens(String text) {
    String normalized = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (cp == 0 || cp == 0xFFFD || type == Character.NON_SPACING_MARK || isControl(cp, type)) {
        continue;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        flush(word, tokens);
      } else if (isPunctuation(cp) || isCjk(cp)) {
        flush(word, tokens);
        tokens.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, tokens);
    return tokens;
  }

  private void wordPieces(String word, List<Long> ids) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      ids.add((long) unk);
      return;
    }
    List<Long> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer id = null;
      while (start < end) {
        String piece = (start > 0 ? "##" : "") + word.substring(start, end);
        id = vocab.get(piece);
        if (id != null) {
          break;
        }
        end--;
      }
      if (id == null) {
        ids.add((long) unk);
        return;
      }
      pieces.add((long) id);
      start = end;
    }
    ids.addAll(pieces);
  }

  private static void flush(StringBuilder word, List<String> tokens) {
    if (word.length() > 0) {
      tokens.add(word.toString());
      word.setLength(0);
    }
  }

  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  /** Hugging Face's {@code is_control}: Unicode "Other" (Cc, Cf, Cn, Co) except tab, LF and CR. */
  private static boolean isControl(int cp, int type) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    return type == Character.CONTROL || type == Character.FORMAT
        || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
  }

  /** The CJK Unified Ideograph blocks BERT pads with spaces (as in the original BERT code). */
  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
