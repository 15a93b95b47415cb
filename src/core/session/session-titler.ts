import { z } from 'zod';
import type { Message } from '../messages/message';
import type { ModelClient } from '../model/model-client';
import type { Clock, Logger } from '../ports';
import { isPrompt, promptText } from './session-summary';
import type { TitleSource, TranscriptSink } from './transcript-entry';

/** Options of {@link SessionTitler}. */
export interface SessionTitlerOptions {
  /** The small, cheap model (the `small` model role). */
  client: ModelClient;
  model: string;
  /** Saves a title the model gave (a transcript `title` entry). */
  write(title: string): void;
  /** The session's title as saved now; read again before each write, so a rename made meanwhile wins. */
  current(): { title: string | undefined; source: TitleSource | undefined };
  clock: Clock;
  logger: Logger;
  /** A resumed session's history: its first prompt and whether it was answered. */
  history?: readonly Message[];
  /** A title call that has not answered by then is given up, in ms. Default 30,000. */
  timeoutMs?: number;
}

const titlePrompt = `You name conversations between a developer and a coding assistant, for a history list.
Reply with a title of 2 to 6 words, in the language the developer wrote in, saying what the work is about.
No quotes, no markdown, no trailing punctuation. Only the title.`;

// Seed 001's check-new-topic prompt, with the current title for context and a longer title.
const topicPrompt = `Analyze if this message indicates a new conversation topic. If it does, extract a 2-6 word title that captures the new topic, in the language of the message. Format your response as a JSON object with two fields: 'isNewTopic' (boolean) and 'title' (string, or null if isNewTopic is false). Only include these fields, no other text.`;

const topicSchema = z.object({ isNewTopic: z.boolean(), title: z.string().nullable() });

/** Prompts shorter than this many words ("yes", "go on") never start a topic: no call is made. */
const minimumTopicWords = 4;
const promptChars = 2_000;
const answerChars = 1_000;

/**
 * Titles a session with the small model, as seed 001 describes: once the first exchange is
 * answered, a title from the person's first message and the start of the answer; then, on each
 * new message, a cheap check (that message alone) whether it starts a new topic, which retitles
 * the session. A title the person gave is never replaced.
 *
 * Never blocks the turn: `observe` returns at once and the calls run one after another in the
 * background. A failed, empty or late call writes nothing, so the history keeps showing the first
 * words the person typed.
 */
export class SessionTitler {
  readonly #options: SessionTitlerOptions;
  readonly #abort = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #firstPrompt: string | undefined;
  #answered = false;

  constructor(options: SessionTitlerOptions) {
    this.#options = options;
    for (const message of options.history ?? []) this.#remember(message);
  }

  /** Sees each message as it is saved; starts a title call when one is due. Never throws. */
  observe(message: Message): void {
    const firstAnswer = !this.#answered && this.#firstPrompt !== undefined && isFinalAnswer(message);
    const prompt = isPrompt(message) ? promptText(message) : undefined;
    const laterPrompt = prompt !== undefined && this.#firstPrompt !== undefined;
    this.#remember(message);
    if (this.#options.current().source === 'person') return;
    if (firstAnswer && this.#options.current().title === undefined) {
      const answer = textOf(message);
      const first = this.#firstPrompt ?? '';
      this.#enqueue(() => this.#name(first, answer));
    } else if (laterPrompt && prompt.split(/\s+/).filter(Boolean).length >= minimumTopicWords) {
      this.#enqueue(() => this.#checkTopic(prompt));
    }
  }

  /** Resolves once no title call is waiting or running. */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** Abandons the calls in flight; nothing is written after. */
  dispose(): void {
    this.#abort.abort();
  }

  #remember(message: Message): void {
    if (isPrompt(message) && this.#firstPrompt === undefined) {
      const text = promptText(message);
      if (text !== '') this.#firstPrompt = text;
    } else if (this.#firstPrompt !== undefined && isFinalAnswer(message)) this.#answered = true;
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      this.#options.logger.debug('A title call failed; the first words stay the title.', error);
    });
  }

  async #name(prompt: string, answer: string): Promise<void> {
    const text = await this.#ask(
      titlePrompt,
      `The developer wrote:\n${prompt.slice(0, promptChars)}\n\nThe assistant answered:\n${answer.slice(0, answerChars)}`,
    );
    const title = text === undefined ? undefined : cleanTitle(text);
    if (title !== undefined) this.#write(title, (current) => current.title === undefined);
  }

  async #checkTopic(prompt: string): Promise<void> {
    const current = this.#options.current().title;
    const context = current === undefined ? '' : `Current title: ${current}\n\n`;
    const text = await this.#ask(topicPrompt, `${context}New message:\n${prompt.slice(0, promptChars)}`);
    const verdict = text === undefined ? undefined : parseTopic(text);
    if (verdict?.isNewTopic !== true || verdict.title === null) return;
    const title = cleanTitle(verdict.title);
    if (title !== undefined) this.#write(title, (saved) => saved.title !== title);
  }

  /** Writes unless the person renamed the session meanwhile, or `still` says the title moved on. */
  #write(title: string, still: (current: ReturnType<SessionTitlerOptions['current']>) => boolean): void {
    if (this.#abort.signal.aborted) return;
    const current = this.#options.current();
    if (current.source === 'person' || !still(current)) return;
    this.#options.write(title);
  }

  /** One request with no tools; the answer's text, or undefined when it failed or timed out. */
  async #ask(system: string, user: string): Promise<string | undefined> {
    if (this.#abort.signal.aborted) return undefined;
    const timeout = new AbortController();
    const signal = AbortSignal.any([this.#abort.signal, timeout.signal]);
    void this.#options.clock.sleep(this.#options.timeoutMs ?? 30_000, signal).then(
      () => timeout.abort(),
      () => {},
    );
    let text = '';
    try {
      for await (const event of this.#options.client.stream({
        model: this.#options.model,
        system: [{ text: system }],
        messages: [{ role: 'user', content: [{ type: 'text', text: user }] }],
        tools: [],
        maxTokens: 60,
        signal,
      })) {
        if (event.type === 'text-delta') text += event.text;
        if (event.type === 'error') {
          this.#options.logger.debug(`A title call failed: ${event.error.message}`);
          return undefined;
        }
      }
      return text;
    } finally {
      timeout.abort();
    }
  }
}

/**
 * A transcript sink that also shows every saved message to `titler`: titles follow what the
 * session actually saved, with no hook in the loop.
 */
export function withTitles(sink: TranscriptSink, titler: SessionTitler): TranscriptSink {
  return {
    append(entry) {
      sink.append(entry);
      if (entry.type === 'message') titler.observe(entry.message);
    },
  };
}

/** An answer that ends an exchange: the assistant's text, with no tool call left to run. */
function isFinalAnswer(message: Message): boolean {
  return (
    message.role === 'assistant' &&
    !message.content.some((block) => block.type === 'tool_use') &&
    textOf(message).trim() !== ''
  );
}

function textOf(message: Message): string {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

/** The model's title as one short line: no quotes, markup or closing stop; undefined when empty. */
export function cleanTitle(text: string): string | undefined {
  const line = (text.trim().split('\n')[0] ?? '')
    .replace(/^(title|titre|标题)\s*[:：]\s*/i, '')
    .replace(/[*_#`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“'‘「]+/, '')
    .replace(/["”'’」.。!！]+$/, '')
    .trim();
  if (line === '') return undefined;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function parseTopic(text: string): z.infer<typeof topicSchema> | undefined {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (json === undefined) return undefined;
  try {
    const parsed = topicSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
