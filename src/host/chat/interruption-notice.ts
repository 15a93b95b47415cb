import type { ChatSnapshot } from '../../protocol/chat-snapshot';
import type { ConversationEntry } from '../../protocol/conversation-entry';

function lastTurn(entries: readonly ConversationEntry[]): readonly ConversationEntry[] {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    if (entries[index]?.kind === 'user') return entries.slice(index + 1);
  }
  return entries;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The note left where a turn was cut off because the extension host stopped under it: that it
 * stopped, what it had done (tool calls finished, files written) and what it had not (tools
 * running, questions nobody can answer any more), so the person knows where things stand.
 */
export function interruptionNotice(chat: ChatSnapshot): string {
  const turn = lastTurn(chat.entries);
  let finished = 0;
  const written: string[] = [];
  const unfinished: string[] = [];
  for (const entry of turn) {
    if (entry.kind === 'tool' && entry.status !== 'running' && entry.status !== 'cancelled') finished += 1;
    if (entry.kind === 'tool' && entry.status === 'running')
      unfinished.push(`${entry.name} ${entry.summary}`.trim());
    if (entry.kind === 'edit' && entry.status === 'written') written.push(entry.path);
    if (entry.kind === 'edit' && entry.status === 'pending')
      unfinished.push(`the edit to ${entry.path} (not written)`);
    if (entry.kind === 'permission' && entry.status === 'pending')
      unfinished.push(`${entry.title} (not run)`);
  }
  const done = [
    ...(finished > 0 ? [`${finished} tool call${finished === 1 ? '' : 's'} finished`] : []),
    ...(written.length > 0 ? [`written: ${list(written)}`] : []),
  ];
  return [
    'Interrupted: the extension host restarted while this turn was running, so it stopped.',
    done.length > 0 ? `Before that, ${done.join('; ')}.` : 'No tool had finished yet.',
    ...(unfinished.length > 0 ? [`Not finished: ${list(unfinished)}.`] : []),
    'Nothing is running now; send a message to continue.',
  ].join(' ');
}
