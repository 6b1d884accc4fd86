package io.tbms.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tbms.client.Answer;
import io.tbms.client.Outcome;
import io.tbms.client.Status;
import io.tbms.client.TraceEntry;
import io.tbms.client.UnavailableException;
import io.tbms.protocol.broker.v1.TryResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Decodes the broker's {@code TryResponse} into an {@link Answer}. Pure and thread-safe. */
public final class Answers {

  private Answers() {}

  /** @throws UnavailableException ({@code INTERNAL}) when the bytes are not a valid answer */
  public static Answer decode(byte[] bytes) {
    try {
      return from(TryResponse.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw malformed("not a TryResponse: " + e.getMessage());
    }
  }

  public static Answer from(TryResponse response) {
    List<TraceEntry> trace = new ArrayList<>(response.getTraceCount());
    for (io.tbms.protocol.broker.v1.TraceEntry entry : response.getTraceList()) {
      trace.add(new TraceEntry(entry.getModel(), outcome(entry.getOutcome()), entry.getFiredMs(),
          entry.hasDoneMs() ? OptionalDouble.of(entry.getDoneMs()) : OptionalDouble.empty()));
    }
    return switch (response.getStatus()) {
      case STATUS_ANSWERED -> new Answer(Status.ANSWERED, response.getAnswer().getLabel(),
          // the float as printed, not its binary expansion: 0.99f reads 0.99, not 0.9900000095367432
          Double.parseDouble(Float.toString(response.getAnswer().getScore())), response.getAnswer().getText(),
          response.getModel(), response.getRank(), response.getDowngraded(), response.getElapsedMs(), trace);
      case STATUS_EMPTY -> new Answer(Status.EMPTY, null, 0, null, null, -1, false, response.getElapsedMs(), trace);
      default -> throw malformed("unknown status " + response.getStatusValue());
    };
  }

  private static Outcome outcome(io.tbms.protocol.broker.v1.TraceEntry.Outcome outcome) {
    return switch (outcome) {
      case OUTCOME_ANSWERED -> Outcome.ANSWERED;
      case OUTCOME_LATE -> Outcome.LATE;
      case OUTCOME_CANCELLED -> Outcome.CANCELLED;
      case OUTCOME_ERROR -> Outcome.ERROR;
      case OUTCOME_SKIPPED_LAG -> Outcome.SKIPPED_LAG;
      case OUTCOME_SKIPPED_CIRCUIT -> Outcome.SKIPPED_CIRCUIT;
      case OUTCOME_SHED -> Outcome.SHED;
      case OUTCOME_NOT_FIRED -> Outcome.NOT_FIRED;
      default -> throw malformed("unknown trace outcome " + outcome);
    };
  }

  private static UnavailableException malformed(String why) {
    return new UnavailableException("INTERNAL", "malformed response from the broker: " + why);
  }
}
