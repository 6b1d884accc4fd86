package io.tbms.zoo.cli;

import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.CsvLoader;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.model.ModelFactory;
import io.tbms.zoo.model.TextModel;
import java.util.Map;
import java.util.function.Consumer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the training data and the model cache are: shared by the commands that train models. */
public final class DataOptions {

  @Option(names = "--data", paramLabel = "PATH",
      description = "CLINC150 data_full.json, or its directory (default: TBMS_DATA_DIR if set, else the copy bundled from the repository's data/clinc150/).")
  Path data;

  @Option(names = "--train", paramLabel = "CSV", description = "A text,label CSV to train on instead of CLINC150 (needs --test).")
  Path train;

  @Option(names = "--test", paramLabel = "CSV", description = "The text,label CSV to evaluate on (with --train).")
  Path test;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where trained models are cached, keyed by dataset hash and settings (default: TBMS_CACHE_DIR, else ${DEFAULT-VALUE}).")
  Path cacheDir = ModelFactory.DEFAULT_CACHE_DIR;

  public Dataset load() {
    if ((train == null) != (test == null)) {
      throw new IllegalArgumentException("--train and --test go together");
    }
    if (train != null) {
      return CsvLoader.load(train, test);
    }
    return Clinc150Loader.loadOrDefault(data);
  }

  public Map<String, TextModel> trainOrLoad(Dataset dataset, Consumer<String> log) {
    return ModelFactory.trainOrLoad(dataset, cacheDir, ModelFactory.NAMES, log);
  }
}
