import type { Message } from '../messages/message';
import type { ModelClient } from '../model/model-client';

export interface CompactorOptions {
  client: ModelClient;
  model: string;
  /** Output budget of the summary call. */
  maxTokens?: number;
}

/** What started a compaction: the person (`/compact`), the threshold before a call, or a "prompt too long" answer. */
export type CompactTrigger = 'manual' | 'auto' | 'reactive';

/** One compaction to run. */
export interface CompactRequest {
  /** The history to summarise; not changed. */
  messages: readonly Message[];
  trigger: CompactTrigger;
  /** The context's size when compaction was decided, in tokens (reported usage plus estimates). */
  contextTokens: number;
  /** What the person asked the summary to focus on (`/compact <instructions>`). */
  instructions?: string;
  signal: AbortSignal;
}

/** Replaces a history: returns the shorter one, or undefined when it could not (or may not) summarise. Must not throw. */
export type Compactor = (request: CompactRequest) => Promise<Message[] | undefined>;

const summaryInstructions = `You write the hand-over summary of a coding session that no longer fits the context window. The session continues from your summary alone, so keep what the work needs:
1. The person's requests and intent, in their words where it matters.
2. Key decisions, constraints and conventions discovered.
3. Files read or changed, with the important snippets or signatures.
4. Errors met and how they were fixed.
5. Pending tasks and the todo list.
6. The current work: exactly where it stopped, and the next step.
Write it as plain text with these headings. No preamble.`;

const maxResultChars = 2_000;

/** The transcript as text: tool calls and results inline, long results cut. Text avoids tool pairing rules. */
export function renderTranscript(messages: readonly Message[]): string {
  return messages
    .map((message) => {
      const parts = message.content.map((block) => {
        switch (block.type) {
          case 'text':
            return block.text;
          case 'tool_use':
            return `[called ${block.name} ${JSON.stringify(block.input).slice(0, maxResultChars)}]`;
          case 'tool_result': {
            const text = typeof block.content === 'string' ? block.content : '[non-text result]';
            const cut = text.length > maxResultChars ? `${text.slice(0, maxResultChars)} […]` : text;
            return `[${block.isError ? 'error' : 'result'}: ${cut}]`;
          }
          case 'image':
            return '[image]';
          default:
            return '';
        }
      });
      return `${message.role === 'user' ? 'Person' : 'Assistant'}: ${parts.filter(Boolean).join('\n')}`;
    })
    .join('\n\n');
}

/**
 * Summarises the conversation with one model call and returns a history of one message carrying the
 * summary. When even the transcript is too long for the model, the oldest part is left out (and the
 * summary is told so). Never throws: a failed call returns undefined.
 */
export function createCompactor(options: CompactorOptions): Compactor {
  return async ({ messages, contextTokens, instructions, signal }) => {
    const window = options.client.describe(options.model).contextWindow;
    const maxTokens = options.maxTokens ?? 8_000;
    const budgetChars = Math.max(4_000, (window - maxTokens - 4_000) * 4 * 0.8);
    let transcript = renderTranscript(messages);
    const omitted = transcript.length > budgetChars;
    if (omitted)
      transcript = `[the oldest part of the session is omitted]\n…${transcript.slice(-budgetChars)}`;
    let summary = '';
    for await (const event of options.client.stream({
      model: options.model,
      system: [
        { text: summaryInstructions },
        ...(instructions?.trim()
          ? [{ text: `The person asked the summary to: ${instructions.trim()}` }]
          : []),
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: transcript }] }],
      tools: [],
      maxTokens,
      signal,
    })) {
      if (event.type === 'text-delta') summary += event.text;
      if (event.type === 'error') return undefined;
    }
    if (summary.trim() === '') return undefined;
    return [
      {
        role: 'user',
        synthetic: true,
        content: [
          {
            type: 'text',
            text: `This session was compacted because it no longer fit the context window (about ${contextTokens.toLocaleString('en-US')} tokens). Summary of everything so far:\n\n${summary.trim()}\n\nContinue the work from where it stopped.`,
          },
        ],
      },
    ];
  };
}
