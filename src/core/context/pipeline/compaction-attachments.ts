import type { Message, ToolUseBlock } from '../../messages/message';
import type { TodoItem } from '../../todos/todo-store';
import { neutralizeReminderTags, wrapSystemReminder } from '../reminders';

/**
 * What a compaction re-attaches after its summary, so the work goes on with its state in front of
 * it and not only as the summary retells it: the todo list as it stands, the files read most
 * recently as they are now, and whatever the host holds (the plan, edits waiting for review).
 */

/** What the attachments are gathered from. */
export interface AttachmentSources {
  todos: readonly TodoItem[];
  /** The conversation the summary covers, oldest first: recent reads are found here. */
  messages: readonly Message[];
  /** The newest turns kept verbatim after the summary: files read there are in view already. */
  kept: readonly Message[];
  /** The path a call read, when it is a file read (Read); undefined for any other call. */
  fileReadBy(call: ToolUseBlock): string | undefined;
  /** The file as Read shows it now; undefined when it cannot be read. Must not throw. */
  readFile(path: string): Promise<string | undefined>;
  /** Characters all attachments together may take. */
  budgetChars: number;
  /** The host's own (the plan, pending reviews), placed first; they count against the budget too. */
  extra?: readonly string[];
}

/** Recently read files re-attached, at most. */
export const maxAttachedFiles = 5;

/** The todo list as a reminder; undefined when it is empty. */
export function todoAttachment(todos: readonly TodoItem[]): string | undefined {
  if (todos.length === 0) return undefined;
  const list = todos.map((todo, index) => `${index + 1}. [${todo.status}] ${todo.content}`).join('\n');
  return wrapSystemReminder(
    `The todo list as it stands (TodoWrite keeps it; update it as you go, exactly one item in_progress):\n${list}`,
  );
}

/** The files read in `messages`, newest first, each once, without those in `exclude`. Pure. */
export function recentlyReadFiles(
  messages: readonly Message[],
  fileReadBy: (call: ToolUseBlock) => string | undefined,
  options: { max: number; exclude: ReadonlySet<string> },
): string[] {
  const paths: string[] = [];
  for (let index = messages.length - 1; index >= 0 && paths.length < options.max; index -= 1) {
    const message = messages[index]!;
    if (message.role !== 'assistant') continue;
    for (const block of [...message.content].reverse()) {
      const path = block.type === 'tool_use' ? fileReadBy(block) : undefined;
      if (path !== undefined && !options.exclude.has(path) && !paths.includes(path)) paths.push(path);
    }
  }
  return paths.slice(0, options.max);
}

/**
 * The attachments, within the budget: the host's, the todo list, then recent files newest first
 * (a file that does not fit what is left is skipped, the next may still fit). Never throws when
 * `readFile` does not.
 */
export async function compactionAttachments(sources: AttachmentSources): Promise<string[]> {
  const attachments: string[] = [];
  let left = sources.budgetChars;
  const add = (text: string | undefined): void => {
    if (text === undefined || text.length > left) return;
    attachments.push(text);
    left -= text.length;
  };
  for (const text of sources.extra ?? []) add(text);
  add(todoAttachment(sources.todos));
  const inView = new Set(
    sources.kept.flatMap((message) =>
      message.role === 'assistant'
        ? message.content.flatMap((block) => {
            const path = block.type === 'tool_use' ? sources.fileReadBy(block) : undefined;
            return path === undefined ? [] : [path];
          })
        : [],
    ),
  );
  const files = recentlyReadFiles(sources.messages, sources.fileReadBy, {
    max: maxAttachedFiles,
    exclude: inView,
  });
  for (const path of files) {
    const content = await sources.readFile(path);
    if (content === undefined) continue;
    add(
      wrapSystemReminder(
        `You read ${path} before the summary; here it is as it is now (Read's numbering):\n${neutralizeReminderTags(content)}`,
      ),
    );
  }
  return attachments;
}
