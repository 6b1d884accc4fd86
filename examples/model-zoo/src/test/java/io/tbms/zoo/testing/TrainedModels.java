package io.tbms.zoo.testing;

import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.model.ModelFactory;
import io.tbms.zoo.model.TextModel;
import java.util.Map;

/**
 * The four reference models trained on the full CLINC150, once per test JVM, through the same
 * cache the server uses (so only the first run on a machine pays the training).
 */
public final class TrainedModels {

  private static Dataset dataset;
  private static Map<String, TextModel> models;

  private TrainedModels() {}

  public static synchronized Dataset clinc150() {
    if (dataset == null) {
      dataset = Clinc150Loader.loadDefault();
    }
    return dataset;
  }

  public static synchronized Map<String, TextModel> all() {
    if (models == null) {
      models = ModelFactory.trainOrLoad(clinc150(), ModelFactory.DEFAULT_CACHE_DIR, ModelFactory.NAMES, System.err::println);
    }
    return models;
  }
}
