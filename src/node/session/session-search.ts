import { readFile } from 'node:fs/promises';
import type { Message } from '../../core/messages/message';
import { isPrompt, promptText } from '../../core/session/session-summary';
import { restoreSession } from '../../core/session/restore-session';
import type { JsonlTranscriptStore, SessionSummary } from './jsonl-transcript-store';

/** One session that matched, with where and a line around the match. */
export interface SessionMatch {
  session: SessionSummary;
  /** `title` when the title (or first words) matched, else `content`. */
  where: 'title' | 'content';
  /** The matching text with some context, on one line; the title for a title match. */
  snippet: string;
}

/** Options of {@link searchSessions}. */
export interface SearchSessionsOptions {
  /** Stops reading transcripts; what matched so far is returned. */
  signal?: AbortSignal;
  /** Most matches returned; default 50. */
  limit?: number;
  /** Told of each match as it is found (a picker fills in while the search goes on). */
  onMatch?(match: SessionMatch): void;
}

const snippetContext = 60;

/**
 * Finds sessions whose title or conversation (what the person typed and the answers, not tool
 * output) contains `query`, case-insensitively; newest first. Titles come from the index;
 * transcripts are read asynchronously, one at a time, so an editor thread stays free, and only
 * those whose raw text could match are parsed. An empty query matches every title.
 */
export async function searchSessions(
  store: JsonlTranscriptStore,
  query: string,
  options: SearchSessionsOptions = {},
): Promise<SessionMatch[]> {
  const needle = query.trim().toLowerCase();
  const limit = options.limit ?? 50;
  // Raw JSONL escapes these, so its text cannot rule a transcript out for such a query.
  const rawCheck = !/["\\\u0000-\u001f]/.test(needle);
  const matches: SessionMatch[] = [];
  const found = (match: SessionMatch) => {
    matches.push(match);
    options.onMatch?.(match);
  };
  for (const session of store.list()) {
    if (matches.length >= limit || options.signal?.aborted) break;
    const title = session.title ?? '';
    if (title.toLowerCase().includes(needle)) {
      found({ session, where: 'title', snippet: title });
      continue;
    }
    let text: string;
    try {
      text = await readFile(session.path, 'utf8');
    } catch {
      continue;
    }
    if (rawCheck && !text.toLowerCase().includes(needle)) continue;
    const snippet = findInConversation(restoreSession(text.split('\n')).messages, needle);
    if (snippet !== undefined) found({ session, where: 'content', snippet });
  }
  return matches;
}

function findInConversation(messages: readonly Message[], needle: string): string | undefined {
  for (const message of messages) {
    const text = isPrompt(message)
      ? promptText(message)
      : message.role === 'assistant'
        ? message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n')
        : '';
    const at = text.toLowerCase().indexOf(needle);
    if (at === -1) continue;
    const start = Math.max(0, at - snippetContext);
    const end = Math.min(text.length, at + needle.length + snippetContext);
    const line = text.slice(start, end).replace(/\s+/g, ' ').trim();
    return `${start > 0 ? '…' : ''}${line}${end < text.length ? '…' : ''}`;
  }
  return undefined;
}
