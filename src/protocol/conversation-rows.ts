import type { ConversationEntry, ConversationEntryKind, ConversationEntryOf } from './conversation-entry';

/** Index of the newest row with this kind and id, or -1. Searches from the end: updates hit recent rows. */
function findRow(entries: readonly ConversationEntry[], kind: ConversationEntryKind, id: string): number {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry !== undefined && entry.kind === kind && entry.id === id) return index;
  }
  return -1;
}

/** The row of this kind and id, if any. */
export function rowOf<K extends ConversationEntryKind>(
  entries: readonly ConversationEntry[],
  kind: K,
  id: string,
): ConversationEntryOf<K> | undefined {
  const index = findRow(entries, kind, id);
  return index === -1 ? undefined : (entries[index] as ConversationEntryOf<K>);
}

/** A copy with the row of the same kind and id replaced, or with the row appended. */
export function upsertRow(
  entries: readonly ConversationEntry[],
  entry: ConversationEntry,
): ConversationEntry[] {
  const index = findRow(entries, entry.kind, entry.id);
  const next = entries.slice();
  if (index === -1) next.push(entry);
  else next[index] = entry;
  return next;
}

/**
 * Applies `patch` to the row of `kind` with `id`; when there is none, appends `create()` if given,
 * else returns `entries` itself (the same reference: nothing changed).
 */
export function patchRow<K extends ConversationEntryKind>(
  entries: ConversationEntry[],
  target: { kind: K; id: string },
  patch: (entry: ConversationEntryOf<K>) => ConversationEntryOf<K>,
  create?: () => ConversationEntryOf<K>,
): ConversationEntry[] {
  const index = findRow(entries, target.kind, target.id);
  if (index === -1) return create === undefined ? entries : [...entries, create()];
  const next = entries.slice();
  next[index] = patch(entries[index] as ConversationEntryOf<K>);
  return next;
}

/**
 * Settles what a turn left open: prompts and previews still pending can no longer be answered,
 * tools still running will not report. Returns `entries` itself when nothing was open.
 */
export function settleOpenRows(entries: ConversationEntry[]): ConversationEntry[] {
  let changed = false;
  const next = entries.map((entry): ConversationEntry => {
    if (entry.kind === 'tool' && entry.status === 'running') {
      changed = true;
      const { progress: _progress, ...rest } = entry;
      return { ...rest, status: 'cancelled' };
    }
    if (entry.kind === 'edit' && entry.status === 'pending') {
      changed = true;
      const { problem: _problem, ...rest } = entry;
      return { ...rest, status: 'cancelled' };
    }
    if (entry.kind === 'permission' && entry.status === 'pending') {
      changed = true;
      return { ...entry, status: 'cancelled' };
    }
    return entry;
  });
  return changed ? next : entries;
}
