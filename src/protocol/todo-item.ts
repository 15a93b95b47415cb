import * as z from 'zod/mini';

/** A todo as the panel shows it; mirrors the core TodoWrite item. */
export const todoItemSchema = z.object({
  content: z.string(),
  status: z.enum(['pending', 'in_progress', 'completed']),
  /** Shown instead of `content` while the item is in progress ("Running the tests"). */
  activeForm: z.string(),
});

/** A todo list item. */
export type TodoItem = z.infer<typeof todoItemSchema>;
