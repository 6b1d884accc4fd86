package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = WordPieceTokenizer.fromTokenizerJson(
        WordPieceTokenizerTest.class.getResourceAsStream(MiniLmEncoder.TOKENIZER_RESOURCE));
  }

  @Test
  void wrapsWordsInClsAndSep() {
    assertThat(tokenizer.encode("Hello world")).containsExactly(101, 7592, 2088, 102);
  }

  @Test
  void splitsUnknownWordsIntoGreedyLongestWordPieces() {
    // una ##ffa ##ble ; token ##ization
    assertThat(tokenizer.encode("unaffable tokenization")).containsExactly(101, 14477, 20961, 3468, 19204, 3989, 102);
  }

  @Test
  void splitsPunctuationAndStripsAccents() {
    // what ' s my balance ? café -> cafe
    assertThat(tokenizer.encode("What's my balance? Café")).containsExactly(101, 2054, 1005, 1055, 2026, 5703, 1029, 7668, 102);
  }

  @Test
  void capsSequencesAtTheModelsMaximum() {
    assertThat(tokenizer.encode("word ".repeat(500))).hasSize(WordPieceTokenizer.MAX_TOKENS).endsWith(102L);
  }
}
