import type { TodoItem } from '../todos/todo-store';
import type { MemoryFile } from './memory/memory-loader';

/** Wraps harness text in the tag the system prompt tells the model about. */
export function wrapSystemReminder(text: string): string {
  return `<system-reminder>\n${text.trim()}\n</system-reminder>`;
}

const reminderTag = /<(\/?)(\s*)(system[-_\s]*reminder)/gi;

/**
 * Defuses `<system-reminder>` opening and closing tags (any case, spacing or `_`) inside tool or
 * sub-agent output, so that text cannot pose as a message from the harness. The text stays
 * readable: `<system-reminder>` becomes `&lt;system-reminder>`.
 */
export function neutralizeReminderTags(text: string): string {
  return text.replace(reminderTag, '&lt;$1$2$3');
}

/** The git status at the start of the session, for its first message; undefined when it is empty. */
export function gitStatusReminder(status: string): string | undefined {
  if (status.trim() === '') return undefined;
  return wrapSystemReminder(
    `Git status at the start of the session (a snapshot, not updated later):\n${neutralizeReminderTags(status.trim())}`,
  );
}

/** The local date as `YYYY-MM-DD`. */
export function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today's date for the first message of a session, or the new date once it has changed. */
export function dateReminder(date: string, changed: boolean): string {
  return wrapSystemReminder(changed ? `The date is now ${date}.` : `Today's date is ${date}.`);
}

/** Which todo nudge; the caller remembers the turn each was last sent. */
export type TodoReminderKind = 'todo-empty' | 'todo-stale';

/** Inputs of `todoReminder`; the store's `turnOfLastUpdate` feeds `turnOfLastUpdate`. */
export interface TodoReminderOptions {
  todos: readonly TodoItem[];
  /** The current turn (1-based). */
  turnCount: number;
  /** The turn TodoWrite last ran in (0 = never). */
  turnOfLastUpdate: number;
  /** The turn each kind of reminder was last sent in; absent = never. */
  lastReminderTurn: Partial<Record<TodoReminderKind, number>>;
}

/** Turns between two reminders of one kind, and turns without TodoWrite before a list counts as stale. */
export const todoReminderInterval = 10;
/** The empty-list nudge waits this many turns, so quick one-step requests never see it. */
export const emptyTodoReminderFirstTurn = 3;

/**
 * A nudge about the todo list, or undefined: when the list is empty from turn 3 on, or when it has
 * open items and TodoWrite has not run for 10 turns (listing them). At most one of each kind per 10
 * turns. The caller records the turn of the reminder it sends.
 */
export function todoReminder(
  options: TodoReminderOptions,
): { kind: TodoReminderKind; text: string } | undefined {
  const { todos, turnCount, turnOfLastUpdate, lastReminderTurn } = options;
  const quiet = (kind: TodoReminderKind) => {
    const last = lastReminderTurn[kind];
    return last === undefined || turnCount - last >= todoReminderInterval;
  };
  if (todos.length === 0) {
    if (turnCount < emptyTodoReminderFirstTurn || !quiet('todo-empty')) return undefined;
    return {
      kind: 'todo-empty',
      text: wrapSystemReminder(
        // The system prompt already says reminders are not to be mentioned; each one need not repeat it.
        'The todo list is empty. If this task has several steps, plan them with TodoWrite; otherwise ignore this.',
      ),
    };
  }
  const open = todos.some((todo) => todo.status !== 'completed');
  if (!open || turnCount - turnOfLastUpdate < todoReminderInterval || !quiet('todo-stale')) return undefined;
  const list = todos.map((todo, index) => `${index + 1}. [${todo.status}] ${todo.content}`).join('\n');
  return {
    kind: 'todo-stale',
    text: wrapSystemReminder(
      `TodoWrite has not been used for ${turnCount - turnOfLastUpdate} turns. If the list below is out of date, update it.\n\n${list}`,
    ),
  };
}

/** Supplied by the host from the active editor. */
export interface EditorContext {
  /** The file in the active editor. */
  openFile?: string;
  selection?: {
    path: string;
    text: string;
    /** 1-based, inclusive. */
    range: { startLine: number; endLine: number };
  };
}

/** Characters of selected text passed on; a huge selection is cut. */
export const maxSelectionChars = 4_000;

/** The open file and selection as the person sees them; undefined when there is neither. */
export function editorContextReminder(context: EditorContext): string | undefined {
  const lines: string[] = [];
  const selection = context.selection;
  if (context.openFile !== undefined && context.openFile !== selection?.path) {
    lines.push(
      `The user has ${context.openFile} open in the editor. It may or may not relate to the request.`,
    );
  }
  if (selection !== undefined && selection.text !== '') {
    const { startLine, endLine } = selection.range;
    const cut = selection.text.length > maxSelectionChars;
    const text = cut
      ? `${selection.text.slice(0, maxSelectionChars)}\n[… selection truncated]`
      : selection.text;
    lines.push(
      `The user selected lines ${startLine}-${endLine} of ${selection.path}:`,
      neutralizeReminderTags(text),
      'It may or may not relate to the request.',
    );
  }
  return lines.length === 0 ? undefined : wrapSystemReminder(lines.join('\n'));
}

/** Supplied by the host (the language services' diagnostics for edited files). */
export interface FileDiagnostics {
  path: string;
  diagnostics: {
    /** 1-based. */
    line: number;
    column?: number;
    severity: 'error' | 'warning' | 'information' | 'hint';
    message: string;
    source?: string;
    code?: string | number;
  }[];
}

/** Diagnostics listed at most; the rest are counted. */
export const maxDiagnostics = 20;

/**
 * New diagnostics after an edit, errors first, capped at 20 lines; undefined when there are none.
 * The host decides which diagnostics are new.
 */
export function diagnosticsReminder(files: readonly FileDiagnostics[]): string | undefined {
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const entries = files
    .flatMap((file) => file.diagnostics.map((diagnostic) => ({ path: file.path, ...diagnostic })))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
  if (entries.length === 0) return undefined;
  const lines = entries.slice(0, maxDiagnostics).map((entry) => {
    const where = `${entry.path}:${entry.line}${entry.column !== undefined ? `:${entry.column}` : ''}`;
    const origin =
      entry.source !== undefined
        ? ` [${entry.source}${entry.code !== undefined ? ` ${entry.code}` : ''}]`
        : '';
    return `- ${where} ${entry.severity}: ${neutralizeReminderTags(entry.message)}${origin}`;
  });
  if (entries.length > maxDiagnostics) lines.push(`… and ${entries.length - maxDiagnostics} more`);
  return wrapSystemReminder(
    `The editor reports these diagnostics after your last edit:\n${lines.join('\n')}`,
  );
}

/**
 * Sub-folder memory found by `MemoryLoader.memoryForPath`, for the turn in which the agent first
 * touched that folder; undefined when there is none.
 */
export function memoryReminder(files: readonly MemoryFile[]): string | undefined {
  const parts = files
    .filter((file) => file.content.trim() !== '')
    .map((file) => `Contents of ${file.path}:\n${file.content.trim()}`);
  if (parts.length === 0) return undefined;
  return wrapSystemReminder(
    `Instructions for the folder you are working in (from memory files). Follow them for files there.\n\n${parts.join('\n\n')}`,
  );
}

/** `additionalContext` (or plain stdout) from hooks, stated as facts from the hook; undefined when empty. */
export function hookContextReminder(event: string, contexts: readonly string[]): string | undefined {
  const text = contexts
    .map((context) => context.trim())
    .filter((context) => context !== '')
    .join('\n\n');
  if (text === '') return undefined;
  return wrapSystemReminder(`${event} hook context:\n${neutralizeReminderTags(text)}`);
}
