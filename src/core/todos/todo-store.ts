import { z } from 'zod';

export const todoItemSchema = z.object({
  content: z.string().min(1, 'content must not be empty'),
  status: z.enum(['pending', 'in_progress', 'completed']),
  activeForm: z.string().min(1, 'activeForm must not be empty'),
});

export type TodoItem = z.infer<typeof todoItemSchema>;

type Listener = (todos: readonly TodoItem[]) => void;

/** The session's todo list. Replaced whole by TodoWrite; listeners persist and render it. */
export class TodoStore {
  #todos: readonly TodoItem[] = [];
  #turnOfLastUpdate = 0;
  readonly #listeners = new Set<Listener>();

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

  replace(todos: readonly TodoItem[], turn: number): void {
    this.#todos = todos;
    this.#turnOfLastUpdate = turn;
    for (const listener of this.#listeners) listener(todos);
  }

  onDidChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
