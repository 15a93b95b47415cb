/** @jsxRuntime automatic */
import { type ReactNode, useState } from 'react';
import type { TodoItem } from '../../../src/protocol/todo-item';
import { usePanelState } from '../panel-context';

const noTodos: TodoItem[] = [];
const icons = {
  pending: 'codicon-circle-large-outline',
  in_progress: 'codicon-loading codicon-modifier-spin',
  completed: 'codicon-pass-filled',
};
const labels = { pending: 'pending', in_progress: 'in progress', completed: 'completed' };

/**
 * The chat's todo list, sticky above the conversation. The collapsed header still shows the item
 * in progress (its activeForm), so progress stays visible during a task.
 */
export function TodoPanel({ chatId }: { chatId: string }): ReactNode {
  const todos = usePanelState((state) => state.chats[chatId]?.todos ?? noTodos);
  const [open, setOpen] = useState(true);
  if (todos.length === 0) return null;
  const done = todos.filter((todo) => todo.status === 'completed').length;
  const current = todos.find((todo) => todo.status === 'in_progress');
  return (
    <section className="todo-panel" aria-label="Todos">
      <button
        type="button"
        className="todo-header"
        aria-expanded={open}
        aria-controls="todo-list"
        onClick={() => setOpen(!open)}
      >
        <span
          className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`}
          aria-hidden="true"
        />
        <span className="todo-count">{`Todos ${done}/${todos.length}`}</span>
        {current === undefined ? null : <span className="todo-current">{current.activeForm}</span>}
      </button>
      {open ? (
        <ol id="todo-list" className="todo-list">
          {todos.map((todo, index) => (
            <li key={index} className={`todo todo-${todo.status}`}>
              <span className={`codicon ${icons[todo.status]}`} role="img" aria-label={labels[todo.status]} />
              <span>{todo.status === 'in_progress' ? todo.activeForm : todo.content}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
