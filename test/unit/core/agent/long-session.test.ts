import { strict as assert } from 'node:assert';
import { Agent } from '../../../../src/core/agent/agent';
import { createCompactor, createSpanSummarizer } from '../../../../src/core/context/compactor';
import type { LoopEvent, TerminalReason } from '../../../../src/core/loop/loop-event';
import type { TodoItem } from '../../../../src/core/todos/todo-store';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { todoWriteTool } from '../../../../src/core/tools/todo-write/todo-write-tool';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { allowAllGate } from '../../../support/loop-harness';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../../../support/scripted-turn';
import {
  bodyOf,
  isCollapseRequest,
  isCompactionRequest,
  isConversationRequest,
  isTranscriptSummaryRequest,
  wireText,
} from '../../../support/wire-requests';
import { testPorts } from '../../../support/tool-context';

const window = 24_000;
const turns = 300;
const files = 40;

/** The todo list as the script has the model write it at turn `turn`: one step done every 100 turns. */
function todosAt(turn: number): TodoItem[] {
  const steps = ['Survey the parser', 'Rename the parser', 'Update the imports', 'Run the tests'];
  const done = Math.min(steps.length - 1, Math.floor(turn / 100));
  return steps.map((step, index) => ({
    content: step,
    status: index < done ? 'completed' : index === done ? 'in_progress' : 'pending',
    activeForm: `${step}…`,
  }));
}

/** A file of about 3,000 characters, different for each index. */
function fileText(index: number): string {
  return Array.from(
    { length: 60 },
    (_, line) => `export const value${index}_${line} = ${line * index}; // ${'·'.repeat(20)}`,
  ).join('\n');
}

/**
 * The model of the script: it writes the todo list first and every 100 turns, reads one file per
 * turn otherwise, and ends at turn 300. Summary calls get summaries as long as real ones; a
 * request over the window gets the provider's "prompt is too long".
 */
function scriptedModel(log: { tooLong: number; conversationTurns: number }) {
  return (request: RecordedRequest): ScriptedOutcome => {
    const size = Math.ceil(JSON.stringify(request.body).length / 4);
    if (size > window) {
      log.tooLong += 1;
      return { fault: 'http', status: 400 };
    }
    if (isCompactionRequest(request) || isTranscriptSummaryRequest(request))
      return [
        {
          text: `## Goal\nRename the parser across the code base.\n\n## Files touched\n${'- src/file.ts: read\n'.repeat(80)}`,
        },
      ];
    if (isCollapseRequest(request)) {
      const span = wireText(bodyOf(request).messages[0]).length;
      return [{ text: `Read some files; nothing changed. ${'·'.repeat(Math.round(span * 0.2))}` }];
    }
    log.conversationTurns += 1;
    const turn = log.conversationTurns;
    if (turn === turns) return [{ text: 'All done.' }];
    if (turn === 1 || turn % 100 === 0)
      return [{ toolUse: { name: 'TodoWrite', input: { todos: todosAt(turn) } } }];
    return [{ toolUse: { name: 'Read', input: { file_path: `/work/src/file-${turn % files}.ts` } } }];
  };
}

describe('a 300-turn session (scripted server, real SDK)', function () {
  this.timeout(180_000);
  let server: ScriptedModelServer;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
  });
  afterEach(() => server.close());

  it('finishes without a context error and keeps the todo list across compactions', async () => {
    const log = { tooLong: 0, conversationTurns: 0 };
    const script = scriptedModel(log);
    server.enqueue(...Array.from({ length: 2 * turns }, () => script));
    const workspace = new MemoryWorkspace();
    for (let index = 0; index < files; index += 1)
      workspace.put(`/work/src/file-${index}.ts`, fileText(index));
    const client = new AnthropicClient({
      baseUrl: server.url,
      apiKey: 'test',
      env: {},
      models: { 'long-model': { contextWindow: window, maxOutputTokens: 2_000 } },
    });
    const agent = new Agent({
      sessionId: 'long',
      client,
      model: 'long-model',
      maxTurns: turns + 10,
      tools: [readTool, todoWriteTool],
      ports: testPorts(workspace),
      gate: allowAllGate,
      cwd: '/work',
      system: async () => [{ text: 'You are Tandem, renaming a parser.' }],
      compact: createCompactor({ client }),
      collapse: createSpanSummarizer({ client, model: 'long-model' }),
    });
    const events: LoopEvent[] = [];
    const run = agent.submit('Rename the parser everywhere; keep a todo list.', new AbortController().signal);
    let reason: TerminalReason | undefined;
    for (;;) {
      const step = await run.next();
      if (step.done) {
        reason = step.value;
        break;
      }
      events.push(step.value);
    }

    assert.equal(reason, 'completed');
    assert.equal(log.tooLong, 0, 'no request was ever over the window');
    assert.ok(!events.some((event) => event.type === 'loop-error' || event.type === 'compact-fail'));
    assert.equal(log.conversationTurns, turns);

    const compactions = events.filter((event) => event.type === 'context-compact');
    assert.ok(compactions.length >= 2, `${compactions.length} compactions`);
    assert.ok(compactions.every((event) => event.trigger === 'auto'));

    // After each compaction, the next request starts from the summary with the todo list as it stood.
    const conversation = server.modelRequests.filter((request) => isConversationRequest(request));
    const requests = server.modelRequests;
    const firstAfterEach = requests.flatMap((request, index) =>
      isCompactionRequest(request)
        ? requests
            .slice(index + 1)
            .filter((next) => isConversationRequest(next))
            .slice(0, 1)
        : [],
    );
    assert.equal(firstAfterEach.length, compactions.length);
    for (const request of firstAfterEach) {
      const opening = wireText(bodyOf(request).messages[0]);
      for (const todo of ['Survey the parser', 'Rename the parser', 'Update the imports', 'Run the tests'])
        assert.match(opening, new RegExp(`\\[(pending|in_progress|completed)\\] ${todo}`));
    }
    assert.deepEqual(agent.todos.todos, todosAt(200));
    assert.match(wireText(bodyOf(conversation.at(-1)!).messages[0]), /\[in_progress\] Update the imports/);

    // The transcript's history is whole: every turn is still there for the panel and resume.
    assert.equal(agent.messages.length, 1 + 2 * (turns - 1) + 1);

    const layers = (type: string, layer?: string) =>
      events.filter(
        (event) =>
          event.type === type && (layer === undefined || (event as { layer?: string }).layer === layer),
      ).length;
    const last = Math.ceil(JSON.stringify(conversation.at(-1)!.body).length / 4);
    // What the run did, for the report (the assertions above are what must hold).
    process.stdout.write(
      `      ${turns} turns: ${server.modelRequests.length} requests, ${compactions.length} compactions, ${layers('context-collapse')} collapses, ${layers('context-trim', 'snip')} snips, ${layers('context-trim', 'microcompact')} microcompacts; last request ${last} tokens of ${window}\n`,
    );
  });
});
