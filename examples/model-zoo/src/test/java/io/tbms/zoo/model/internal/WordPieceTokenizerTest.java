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

  // Expected ids below come from an independent Python re-implementation of Hugging Face's
  // BertNormalizer + BertPreTokenizer + WordPiece over the same vocabulary (see the commit note).

  @Test
  void dropsFormatCharactersLikeZeroWidthSpace() {
    // hello ##world: U+200B is Unicode category Cf, removed, so the words join
    assertThat(tokenizer.encode("hello\u200Bworld")).containsExactly(101, 7592, 11108, 102);
  }

  @Test
  void stripsAccentsOfEveryWordAndIsolatesPunctuation() {
    assertThat(tokenizer.encode("Crème brûlée,  naïve café!"))
        .containsExactly(101, 13675, 21382, 7987, 9307, 2063, 1010, 15743, 7668, 999, 102);
    assertThat(tokenizer.encode("I'm at 50% \u2014 done\u2026"))
        .containsExactly(101, 1045, 1005, 1049, 2012, 2753, 1003, 1517, 2589, 1529, 102);
  }

  @Test
  void spacesOutCjkIdeographsAndTreatsNoBreakSpaceAsSpace() {
    assertThat(tokenizer.encode("\u6211\u7231\u5317\u4EAC ok")).containsExactly(101, 1855, 100, 1781, 1755, 7929, 102);
    assertThat(tokenizer.encode("tab\there\u00A0nbsp")).containsExactly(101, 21628, 2182, 1050, 5910, 2361, 102);
  }

  @Test
  void aWordOverOneHundredCharactersIsUnknown() {
    assertThat(tokenizer.encode("x".repeat(101) + " ok")).containsExactly(101, 100, 7929, 102);
  }
}
