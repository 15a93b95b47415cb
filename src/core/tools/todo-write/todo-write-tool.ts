import { z } from 'zod';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import type { TodoItem } from '../../todos/todo-store';
import { todoItemSchema } from '../../todos/todo-store';

/** Input of TodoWrite: the whole new list, items as in the todo store with descriptions for the model. */
export const todoWriteInputSchema = z.object({
  todos: z
    .array(
      todoItemSchema.extend({
        content: todoItemSchema.shape.content.describe('Imperative, e.g. "Run the tests".'),
        status: todoItemSchema.shape.status,
        activeForm: todoItemSchema.shape.activeForm.describe(
          'Shown while it runs, e.g. "Running the tests".',
        ),
      }),
    )
    .describe('The whole list; it replaces the previous one.'),
});

/** A parsed TodoWrite input. */
export type TodoWriteInput = z.infer<typeof todoWriteInputSchema>;

// When to keep a list, and "exactly one in_progress", are rules of the system prompt.
const description = `Replaces the session's task list, which the person sees beside the conversation; send the whole list each time.
- Mark a task in_progress before you start it, and completed as soon as it is fully done (tests pass, nothing left), never in batches.
- If blocked, keep the task in_progress and add one for the blocker. Remove tasks that no longer apply.`;

const marks: Record<TodoItem['status'], string> = { pending: '[ ]', in_progress: '[~]', completed: '[x]' };

/** Renders the list the way the model reads it back: one line per task with its status mark. */
export function formatTodos(todos: readonly TodoItem[]): string {
  if (todos.length === 0) return '(the list is empty)';
  return todos
    .map(
      (todo, index) =>
        `${index + 1}. ${marks[todo.status]} ${todo.status === 'in_progress' ? todo.activeForm : todo.content}`,
    )
    .join('\n');
}

/**
 * The TodoWrite tool: replaces the session's todo list. It writes no file and runs no command, so it
 * is read-only for permissions, but it mutates session state and so must not run alongside others.
 */
export const todoWriteTool = buildTool<TodoWriteInput>({
  name: 'TodoWrite',
  permissionKind: 'other',
  // The todo list belongs to the main conversation.
  offeredToSubagents: false,
  description,
  inputSchema: todoWriteInputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => false,
  summarize: (input) => `${input.todos.length} task${input.todos.length === 1 ? '' : 's'}`,
  async *call(input, context) {
    const active = input.todos.filter((todo) => todo.status === 'in_progress');
    if (active.length > 1) {
      return errorResult(
        `Only one task can be in_progress at a time, but ${active.length} are: ${active.map((todo) => `"${todo.content}"`).join(', ')}. Keep one in_progress and set the others to pending or completed, then call TodoWrite again.`,
      );
    }
    context.todos.replace(input.todos, context.turn);
    const allDone = input.todos.length > 0 && input.todos.every((todo) => todo.status === 'completed');
    const advice = allDone
      ? 'All tasks are completed.'
      : 'Keep the list current: mark each task completed as soon as it is done.';
    return textResult(`Todo list updated. ${advice}\n\n${formatTodos(input.todos)}`, { kind: 'todos' });
  },
});
