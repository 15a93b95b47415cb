import type { Message, Usage } from '../messages/message';
import { addUsage, emptyUsage } from '../messages/message';
import type { ModelClient, ModelRequest, SystemBlock, ToolDefinition } from '../model/model-client';
import { estimateTokens } from './estimate-tokens';
import {
  compactionInstruction,
  spanSummarySystem,
  transcriptSummarySystem,
} from './pipeline/summary-instructions';

/** What started a compaction: the person (`/compact`), the threshold before a call, or a "prompt too long" answer. */
export type CompactTrigger = 'manual' | 'auto' | 'reactive';

/** The part of the conversation's requests that comes before the messages: what the prompt cache keys on. */
export interface SummaryPrefix {
  model: string;
  system: readonly SystemBlock[];
  tools: readonly ToolDefinition[];
  thinkingBudget?: number;
}

/** One compaction to run. */
export interface CompactRequest {
  /** The conversation as the next request would carry it; not changed. */
  messages: readonly Message[];
  /** The conversation's own model, system prompt and tools, so the summary call shares its cached prefix. */
  prefix: SummaryPrefix;
  trigger: CompactTrigger;
  /** The context's size when compaction was decided, in tokens (reported usage plus estimates). */
  contextTokens: number;
  /** What the person asked the summary to focus on (`/compact <instructions>`). */
  instructions?: string;
  signal: AbortSignal;
}

/**
 * A summary with what its call cost (`model`, `usage`; absent when no call was made), or why there
 * is none (a failed call, an empty answer, a PreCompact hook that refused).
 */
export type CompactOutcome =
  { ok: true; summary: string; model?: string; usage?: Usage } | { ok: false; reason: string };

/** Summarises a conversation. Must not throw: every failure is an outcome. */
export type Compactor = (request: CompactRequest) => Promise<CompactOutcome>;

/** Summarises one span of a conversation (context collapse). Must not throw. */
export type SpanSummarizer = (request: {
  messages: readonly Message[];
  signal: AbortSignal;
}) => Promise<CompactOutcome>;

export interface CompactorOptions {
  client: ModelClient;
  /** Output budget of the summary, in tokens; default 8,000 (less when the model's limit is lower). */
  maxTokens?: number;
}

const maxRenderedResultChars = 2_000;

/** The transcript as text: tool calls and results inline, long results cut. Text avoids tool pairing rules. */
export function renderTranscript(messages: readonly Message[]): string {
  return messages
    .map((message) => {
      const parts = message.content.map((block) => {
        switch (block.type) {
          case 'text':
            return block.text;
          case 'tool_use':
            return `[called ${block.name} ${JSON.stringify(block.input).slice(0, maxRenderedResultChars)}]`;
          case 'tool_result': {
            const text = typeof block.content === 'string' ? block.content : '[non-text result]';
            const cut =
              text.length > maxRenderedResultChars ? `${text.slice(0, maxRenderedResultChars)} […]` : text;
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
 * The compactor of the main conversation, on the conversation's own model. When the conversation
 * fits the window with room for the summary, the call sends it exactly as the loop does — same
 * system prompt, tools, thinking and messages — plus one closing instruction, so the provider
 * reads the prefix from its cache; otherwise (a "prompt too long" answer, or a prefix call that
 * fails for size) it summarises a text rendering of the conversation whose oldest part is left
 * out to fit. Never throws.
 */
export function createCompactor(options: CompactorOptions): Compactor {
  return async (request) => {
    const info = options.client.describe(request.prefix.model);
    const maxTokens = Math.min(options.maxTokens ?? 8_000, info.maxOutputTokens);
    const instruction = compactionInstruction(request.instructions);
    const fits =
      request.trigger !== 'reactive' &&
      request.contextTokens + estimateTokens(instruction) + maxTokens <= info.contextWindow;
    if (fits) {
      const outcome = await summaryCall(options.client, {
        model: request.prefix.model,
        system: [...request.prefix.system],
        tools: [...request.prefix.tools],
        messages: [
          ...request.messages,
          { role: 'user', synthetic: true, content: [{ type: 'text', text: instruction }] },
        ],
        // The API wants room for the thinking budget on top of the answer.
        maxTokens: request.prefix.thinkingBudget
          ? Math.min(info.maxOutputTokens, request.prefix.thinkingBudget + maxTokens)
          : maxTokens,
        ...(request.prefix.thinkingBudget ? { thinkingBudget: request.prefix.thinkingBudget } : {}),
        signal: request.signal,
      });
      if (outcome.ok || outcome.reason !== tooLongReason) return outcome;
    }
    const budgetChars = Math.max(4_000, (info.contextWindow - maxTokens - 4_000) * 4 * 0.8);
    return summaryCall(options.client, {
      model: request.prefix.model,
      system: [{ text: transcriptSummarySystem(request.instructions) }],
      tools: [],
      messages: [
        { role: 'user', content: [{ type: 'text', text: fitTranscript(request.messages, budgetChars) }] },
      ],
      maxTokens,
      signal: request.signal,
    });
  };
}

/**
 * The summarizer of context collapse: a span rendered as text, on the small model (no tools, a
 * short system prompt), since a span's cached prefix has usually expired by the time it is old.
 */
export function createSpanSummarizer(options: CompactorOptions & { model: string }): SpanSummarizer {
  return async ({ messages, signal }) => {
    const info = options.client.describe(options.model);
    const maxTokens = Math.min(options.maxTokens ?? 4_000, info.maxOutputTokens);
    const budgetChars = Math.max(4_000, (info.contextWindow - maxTokens - 2_000) * 4 * 0.8);
    return summaryCall(options.client, {
      model: options.model,
      system: [{ text: spanSummarySystem }],
      tools: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: fitTranscript(messages, budgetChars) }] }],
      maxTokens,
      signal,
    });
  };
}

const tooLongReason = 'The conversation is too long for the summary call.';

function fitTranscript(messages: readonly Message[], budgetChars: number): string {
  const transcript = renderTranscript(messages);
  if (transcript.length <= budgetChars) return transcript;
  return `[the oldest part of the session is omitted]\n…${transcript.slice(-budgetChars)}`;
}

/** One summary call: the text of the answer (tool calls ignored), or why there is none. */
async function summaryCall(
  client: ModelClient,
  request: Omit<ModelRequest, 'messages'> & { messages: readonly Message[] },
): Promise<CompactOutcome> {
  let summary = '';
  let usage = emptyUsage();
  for await (const event of client.stream({ ...request, messages: [...request.messages] })) {
    if (event.type === 'text-delta') summary += event.text;
    if (event.type === 'message-complete') usage = addUsage(usage, event.usage);
    if (event.type === 'error') {
      if (event.error.kind === 'prompt_too_long') return { ok: false, reason: tooLongReason };
      return { ok: false, reason: `The summary call failed: ${event.error.message}` };
    }
  }
  if (summary.trim() === '') return { ok: false, reason: 'The summary call answered without a summary.' };
  return { ok: true, summary: summary.trim(), model: request.model, usage };
}
