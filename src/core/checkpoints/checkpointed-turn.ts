import type { LoopEvent } from '../loop/loop-event';
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
 * Runs one turn inside a checkpoint: opens it (marks the transcript and announces it with a
 * `checkpoint-create` event) before the turn's first event, and closes it however the turn ends —
 * completed, failed, aborted or abandoned by the consumer. Closing finishes in the background;
 * `recorder.settled()` waits for it.
 */
export async function* checkpointedTurn<Result>(
  options: CheckpointedTurnOptions,
  turn: () => AsyncGenerator<LoopEvent, Result>,
): AsyncGenerator<LoopEvent, Result> {
  const id = await options.recorder.beginTurn(options.prompt);
  if (id !== undefined)
    options.transcript?.append({ type: 'checkpoint', checkpointId: id, timestamp: options.now() });
  try {
    if (id !== undefined) yield { type: 'checkpoint-create', checkpointId: id };
    return yield* turn();
  } finally {
    void options.recorder.endTurn();
  }
}
