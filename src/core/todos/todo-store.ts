import { z } from 'zod';

export const todoItemSchema = z.object({
  content: z.string().min(1, 'content must not be empty'),
  status: z.enum(['pending', 'in_progress', 'completed']),
  activeForm: z.string().min(1, 'activeForm must not be empty'),
});

export type TodoItem = z.infer<typeof todoItemSchema>;

/** Hears every change of the list. Must not throw: it runs inside the tool call that changed it. */
export type TodoListener = (todos: readonly TodoItem[]) => void;

/**
 * The session's todo list. Replaced whole by whichever tool changes it (TodoWrite today); each change
 * is emitted, and the agent persists and announces it from that, so no caller needs to know which
 * tool it was.
 */
export class TodoStore {
  #todos: readonly TodoItem[] = [];
  #turnOfLastUpdate = 0;
  readonly #listeners = new Set<TodoListener>();

  constructor(initial: readonly TodoItem[] = []) {
    this.#todos = initial;
  }

  get todos(): readonly TodoItem[] {
    return this.#todos;
  }

  /** The turn in which TodoWrite last ran; the stale-todo reminder reads it. */
  get turnOfLastUpdate(): number {
    return this.#turnOfLastUpdate;
  }

  /** Replaces the whole list during loop turn `turn`, and tells every listener. */
  replace(todos: readonly TodoItem[], turn: number): void {
    this.#todos = todos;
    this.#turnOfLastUpdate = turn;
    for (const listener of this.#listeners) listener(todos);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: TodoListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
