import { z } from 'zod';
import type { Message } from '../messages/message';
import type { TranscriptEntry } from './transcript-entry';
import { titleSourceSchema } from './transcript-entry';

/** Characters of the first prompt kept in a summary: enough for a title and a search hit. */
export const summaryPromptChars = 200;

/**
 * What a history list shows of one session, folded from its transcript entries in order. Folding
 * is incremental — a summary plus the entries appended since gives the summary of the whole file —
 * so an index refreshes a session by reading only what was appended.
 */
export const sessionSummarySchema = z.object({
  sessionId: z.string().optional(),
  cwd: z.string().optional(),
  model: z.string().optional(),
  /** Epoch ms of the first and the latest entry. */
  createdAt: z.number().optional(),
  lastEntryAt: z.number().optional(),
  title: z.string().optional(),
  titleSource: titleSourceSchema.optional(),
  /** The person's first message, cut to {@link summaryPromptChars}. */
  firstPrompt: z.string().optional(),
  /** Messages in the history, and how many of them the person typed. */
  messageCount: z.number().int().nonnegative(),
  promptCount: z.number().int().nonnegative(),
  /** Stream entries follow the last message: the session was cut off mid-turn. */
  interrupted: z.boolean(),
});

/** One session as the history list shows it. */
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** The summary of a transcript with no entries. */
export function emptySessionSummary(): SessionSummary {
  return { messageCount: 0, promptCount: 0, interrupted: false };
}

/** A message the person typed: not harness-made and not a carrier of tool results. */
export function isPrompt(message: Message): boolean {
  return (
    message.role === 'user' &&
    message.synthetic !== true &&
    !message.content.some((block) => block.type === 'tool_result')
  );
}

/** What the person typed in a prompt, without the reminders the harness attached to it. */
export function promptText(message: Message): string {
  return message.content
    .flatMap((block) =>
      block.type === 'text' && !block.text.startsWith('<system-reminder>') ? [block.text] : [],
    )
    .join('\n')
    .trim();
}

/** Folds one entry into a summary; returns a new summary (pure). Unknown entry kinds change nothing. */
export function foldSessionSummary(summary: SessionSummary, entry: TranscriptEntry): SessionSummary {
  const next: SessionSummary = {
    ...summary,
    createdAt: summary.createdAt ?? entry.timestamp,
    lastEntryAt: Math.max(summary.lastEntryAt ?? 0, entry.timestamp),
  };
  switch (entry.type) {
    case 'session-start':
      return { ...next, sessionId: entry.sessionId, cwd: entry.cwd, model: entry.model };
    case 'title':
      return { ...next, title: entry.title, titleSource: entry.source ?? 'model' };
    case 'message': {
      const folded = { ...next, messageCount: next.messageCount + 1, interrupted: false };
      if (!isPrompt(entry.message)) return folded;
      folded.promptCount += 1;
      const text = promptText(entry.message);
      if (folded.firstPrompt === undefined && text !== '')
        folded.firstPrompt = text.slice(0, summaryPromptChars);
      return folded;
    }
    case 'rewind': {
      // A fold cannot tell which of the dropped messages were prompts: the count is only capped.
      const messageCount = Math.min(next.messageCount, entry.messageCount);
      const promptCount = Math.min(next.promptCount, messageCount);
      return { ...next, messageCount, promptCount, interrupted: false };
    }
    case 'stream-text':
    case 'stream-block':
    case 'tool-result':
      return { ...next, interrupted: true };
    default:
      return next;
  }
}

/** The title a list shows: the given one, else the first words the person typed. */
export function displayTitle(summary: SessionSummary): string | undefined {
  return summary.title ?? summary.firstPrompt?.split('\n')[0]?.slice(0, 80);
}
