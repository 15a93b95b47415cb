import type { TranscriptSink } from '../session/transcript-entry';
import type { CheckpointRecorder } from './checkpoint-recorder';

export interface CheckpointedTurnOptions {
  recorder: CheckpointRecorder;
  /** Gets a `checkpoint` marker before the turn's prompt, tying the conversation to the checkpoint. */
  transcript: TranscriptSink | undefined;
  /** The person's message, for the checkpoint's label. */
  prompt: string;
  now(): number;
}

/**
 * Runs one turn inside a checkpoint: opens it (and marks the transcript) before the turn's first
 * event, closes it however the turn ends — completed, failed, aborted or abandoned by the consumer.
 * Closing finishes in the background; `recorder.settled()` waits for it.
 */
export async function* checkpointedTurn<Event, Result>(
  options: CheckpointedTurnOptions,
  turn: () => AsyncGenerator<Event, Result>,
): AsyncGenerator<Event, Result> {
  const id = await options.recorder.beginTurn(options.prompt);
  if (id !== undefined)
    options.transcript?.append({ type: 'checkpoint', checkpointId: id, timestamp: options.now() });
  try {
    return yield* turn();
  } finally {
    void options.recorder.endTurn();
  }
}
