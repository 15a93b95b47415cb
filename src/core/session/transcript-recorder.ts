import type { LoopEvent } from '../loop/loop-event';
import type { Message } from '../messages/message';
import type { Clock } from '../ports';
import type { TranscriptEntry, TranscriptSink } from './transcript-entry';

type StreamEntry = Extract<
  TranscriptEntry,
  { type: 'stream-text' | 'stream-block' | 'tool-result' | 'stream-discard' }
>;
type Unstamped<Entry> = Entry extends unknown ? Omit<Entry, 'timestamp'> : never;

/** Options of {@link TranscriptRecorder}. */
export interface TranscriptRecorderOptions {
  sink: TranscriptSink;
  /** Schedules the text flushes and stamps the entries. */
  clock: Clock;
  /** The longest streamed text waits before it is written, in ms. Default 200. */
  flushMs?: number;
}

/** Default {@link TranscriptRecorderOptions.flushMs}: what a killed process may lose of an answer. */
export const defaultTranscriptFlushMs = 200;

/**
 * Writes a session's transcript as it happens, not only when messages are whole: streamed text in
 * batches (at most `flushMs` after it arrived), each whole thinking or tool_use block at once, and
 * each tool result as its call finishes. A killed process so loses at most `flushMs` of text and
 * no finished tool call; `restoreSession` rebuilds the cut turn from these entries. The messages
 * themselves are written as before, and supersede the stream entries of their turn.
 *
 * Owns no I/O beyond the sink (whose appends must not throw) and one timer on the clock; `end`
 * must be called when a run ends, however it ends.
 */
export class TranscriptRecorder {
  readonly #sink: TranscriptSink;
  readonly #clock: Clock;
  readonly #flushMs: number;
  #text = '';
  #timer: AbortController | undefined;
  /** Stream entries were written since the last message. */
  #streamed = false;

  constructor(options: TranscriptRecorderOptions) {
    this.#sink = options.sink;
    this.#clock = options.clock;
    this.#flushMs = options.flushMs ?? defaultTranscriptFlushMs;
  }

  /** Writes a message entry; an assistant message carries the text still waiting, so that is dropped. */
  message(message: Message): void {
    if (message.role === 'assistant') this.#dropText();
    else this.flush();
    this.#sink.append({ type: 'message', message, timestamp: this.#clock.now() });
    this.#streamed = false;
  }

  /** Sees every loop event of a run, in order, before its consumer does. */
  observe(event: LoopEvent): void {
    switch (event.type) {
      case 'text-delta':
        this.#text += event.text;
        this.#scheduleFlush();
        return;
      case 'block-end':
        this.flush();
        if (event.block.type !== 'text') this.#write({ type: 'stream-block', block: event.block });
        return;
      case 'tool-execution-end': {
        this.flush();
        const { content, isError } = event.result;
        this.#write({
          type: 'tool-result',
          result: { type: 'tool_result', toolUseId: event.toolUseId, content, isError },
        });
        return;
      }
      case 'stream-discard':
        this.#dropText();
        if (this.#streamed) this.#write({ type: 'stream-discard' });
        return;
      case 'message-append':
        this.message(event.message);
        return;
      default:
        return;
    }
  }

  /** Writes the text waiting for its batch now. */
  flush(): void {
    this.#cancelTimer();
    if (this.#text === '') return;
    const text = this.#text;
    this.#text = '';
    this.#write({ type: 'stream-text', text });
  }

  /**
   * The run ended. Text no message took (the consumer abandoned the run mid-answer) is written,
   * so a resume shows it as interrupted.
   */
  end(): void {
    this.flush();
  }

  #write(entry: Unstamped<StreamEntry>): void {
    this.#streamed = true;
    this.#sink.append({ ...entry, timestamp: this.#clock.now() });
  }

  #scheduleFlush(): void {
    if (this.#timer) return;
    const timer = new AbortController();
    this.#timer = timer;
    this.#clock.sleep(this.#flushMs, timer.signal).then(
      () => {
        if (this.#timer === timer) this.flush();
      },
      () => {},
    );
  }

  #cancelTimer(): void {
    this.#timer?.abort();
    this.#timer = undefined;
  }

  #dropText(): void {
    this.#cancelTimer();
    this.#text = '';
  }
}
