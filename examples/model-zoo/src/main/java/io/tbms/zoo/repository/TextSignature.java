package io.tbms.zoo.repository;

import io.tbms.zoo.runtime.InferenceException;
import java.util.List;
import java.util.Set;

/**
 * The tensors every text model of the zoo takes and returns, in KServe v2 terms: one {@code BYTES}
 * input {@code TEXT} of shape {@code [batch, 1]}; outputs {@code LABEL} ({@code BYTES}) and
 * {@code SCORE} ({@code FP32}), both {@code [batch, 1]}. {@code LABEL} is the answer.
 *
 * <p>As in Triton's classification extension, a request may ask output {@code SCORE} for its top
 * {@code k} classes with the output parameter {@code classification = k}: {@code SCORE} then comes
 * back as {@code BYTES} of shape {@code [batch, min(k, classes)]}, each element
 * {@code "<probability>:<class index>:<label>"}, best first ({@link
 * io.tbms.zoo.model.TextModel#predict(java.util.List, int)}).
 *
 * <p>The checks here are shared by the HTTP and gRPC fronts, so both refuse the same input with
 * the same message.
 */
public final class TextSignature {

  public static final String INPUT = "TEXT";
  public static final String LABEL = "LABEL";
  public static final String SCORE = "SCORE";
  public static final String BYTES = "BYTES";
  public static final String FP32 = "FP32";
  public static final Set<String> OUTPUTS = Set.of(LABEL, SCORE);
  /** The output parameter of Triton's classification extension: how many classes, an integer. */
  public static final String CLASSIFICATION = "classification";

  private TextSignature() {}

  /**
   * Checks the one input tensor of a request and returns its batch size.
   *
   * @param elements how many elements the request actually carries for this input
   */
  public static int checkInput(
      String model, String name, String datatype, List<Long> shape, int elements, int maxBatchSize) {
    if (!INPUT.equals(name)) {
      throw InferenceException.invalid(
          "unexpected inference input '" + name + "' for model '" + model + "', expected '" + INPUT + "'");
    }
    if (!BYTES.equals(datatype)) {
      throw InferenceException.invalid(
          "inference input '" + INPUT + "' of model '" + model + "' must have datatype " + BYTES + ", got " + datatype);
    }
    if (shape.size() != 2 || shape.get(1) != 1) {
      throw InferenceException.invalid(
          "inference input '" + INPUT + "' of model '" + model + "' must have shape [batch, 1], got " + shape);
    }
    long batch = shape.get(0);
    if (batch < 1) {
      throw InferenceException.invalid(
          "inference input '" + INPUT + "' of model '" + model + "' has an empty batch (shape " + shape + ")");
    }
    if (batch > maxBatchSize) {
      throw InferenceException.invalid(
          "inference request batch-size must be <= " + maxBatchSize + " for '" + model + "', got " + batch);
    }
    if (elements != batch) {
      throw InferenceException.invalid(
          "inference input '" + INPUT + "' of model '" + model + "' has " + elements
              + " elements but shape " + shape + " needs " + batch);
    }
    return (int) batch;
  }

  /** Checks the names of requested outputs; an empty list means all outputs. */
  public static List<String> checkOutputs(String model, List<String> requested) {
    for (String name : requested) {
      if (!OUTPUTS.contains(name)) {
        throw InferenceException.invalid(
            "unexpected inference output '" + name + "' for model '" + model + "', expected one of " + List.of(LABEL, SCORE));
      }
    }
    return requested.isEmpty() ? List.of(LABEL, SCORE) : List.copyOf(requested);
  }

  /**
   * Checks a {@code classification} parameter asked of an output and returns its count.
   *
   * @param count the parameter's value
   */
  public static int checkClassification(String model, String output, long count) {
    if (!SCORE.equals(output)) {
      throw InferenceException.invalid("parameter '" + CLASSIFICATION + "' of output '" + output + "' of model '"
          + model + "': classification is supported for output '" + SCORE + "' only");
    }
    if (count < 1) {
      throw InferenceException.invalid("parameter '" + CLASSIFICATION + "' of output '" + output + "' of model '"
          + model + "' must be >= 1, got " + count);
    }
    return (int) Math.min(count, Integer.MAX_VALUE);
  }

  /** Refuses a request that does not carry exactly the one input. */
  public static void checkInputCount(String model, int inputs) {
    if (inputs != 1) {
      throw InferenceException.invalid(
          "expected 1 input for model '" + model + "' ('" + INPUT + "'), got " + inputs);
    }
  }
}
