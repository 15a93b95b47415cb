import { strict as assert } from 'node:assert';
import type { TodoItem } from '../../../../../src/core/todos/todo-store';
import { todoWriteTool } from '../../../../../src/core/tools/todo-write/todo-write-tool';
import { createToolContext, runTool } from '../../../../support/tool-context';

const todo = (content: string, status: TodoItem['status']): TodoItem => ({
  content,
  status,
  activeForm: `Doing ${content}`,
});

describe('TodoWrite tool', () => {
  it('replaces the todo list and shows it back', async () => {
    const context = createToolContext();
    const todos = [
      todo('write tests', 'completed'),
      todo('fix bug', 'in_progress'),
      todo('update docs', 'pending'),
    ];
    const { result } = await runTool(todoWriteTool, { todos }, context);
    assert.deepEqual(context.todos.todos, todos);
    assert.equal(
      result.content,
      'Todo list updated. Keep the list current: mark each task completed as soon as it is done.\n\n1. [x] write tests\n2. [~] Doing fix bug\n3. [ ] update docs',
    );
    assert.deepEqual(result.display, { kind: 'todos' });
    assert.equal(result.isError, false);
  });

  it('notifies listeners of the new list', async () => {
    const context = createToolContext();
    const seen: (readonly TodoItem[])[] = [];
    context.todos.onDidChange((todos) => seen.push(todos));
    await runTool(todoWriteTool, { todos: [todo('a', 'pending')] }, context);
    assert.equal(seen.length, 1);
  });

  it('refuses two tasks in progress at once and keeps the old list', async () => {
    const context = createToolContext();
    const { result } = await runTool(
      todoWriteTool,
      { todos: [todo('a', 'in_progress'), todo('b', 'in_progress')] },
      context,
    );
    assert.equal(result.isError, true);
    assert.match(
      String(result.content),
      /^Only one task can be in_progress at a time, but 2 are: "a", "b"\./,
    );
    assert.deepEqual(context.todos.todos, []);
  });

  it('says when every task is completed, and accepts an empty list', async () => {
    const context = createToolContext();
    const done = await runTool(todoWriteTool, { todos: [todo('a', 'completed')] }, context);
    assert.match(String(done.result.content), /All tasks are completed\./);
    const empty = await runTool(todoWriteTool, { todos: [] }, context);
    assert.match(String(empty.result.content), /\(the list is empty\)$/);
  });

  it('rejects items without content, activeForm or a known status', () => {
    const parse = (item: unknown) => todoWriteTool.inputSchema.safeParse({ todos: [item] }).success;
    assert.equal(parse({ content: '', status: 'pending', activeForm: 'x' }), false);
    assert.equal(parse({ content: 'x', status: 'pending' }), false);
    assert.equal(parse({ content: 'x', status: 'done', activeForm: 'x' }), false);
    assert.equal(parse({ content: 'x', status: 'pending', activeForm: 'y' }), true);
  });

  it('never asks for permission but never runs alongside other tools', () => {
    assert.equal(todoWriteTool.isReadOnly({ todos: [] }), true);
    assert.equal(todoWriteTool.isConcurrencySafe({ todos: [] }), false);
  });
});
