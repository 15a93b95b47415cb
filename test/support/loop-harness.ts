import { z } from 'zod';
import type { Message } from '../../src/core/messages/message';
import { userText } from '../../src/core/messages/message';
import type { ModelClient } from '../../src/core/model/model-client';
import type { Clock } from '../../src/core/ports';
import type { PermissionGate } from '../../src/core/execution/permission-gate';
import type { LoopEvent, TerminalReason } from '../../src/core/loop/loop-event';
import type { LoopState, Transition } from '../../src/core/loop/loop-state';
import { query } from '../../src/core/loop/query';
import type { QueryOptions } from '../../src/core/loop/query';
import { buildTool } from '../../src/core/tools/build-tool';
import type { AnyTool } from '../../src/core/tools/tool';
import { toolDefinitions } from '../../src/core/tools/tool-definitions';
import { createToolContext } from './tool-context';

export const allowAllGate: PermissionGate = { check: async () => ({ behavior: 'allow' }) };

/** A clock whose sleeps return at once and are recorded, so back-off is asserted without waiting. */
export function instantClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

/**
 * One timed call. `start` and `end` are positions in one sequence shared by every call of the log
 * (1, 2, 3…), not times: tests assert what happened before what, never how long it took.
 */
export interface CallRecord {
  name: string;
  id: string;
  start: number;
  end: number;
  aborted: boolean;
}

/** Every call of the log started before any of them ended: they ran at the same time. */
export function overlapped(records: readonly CallRecord[]): boolean {
  return (
    Math.max(...records.map((record) => record.start)) < Math.min(...records.map((record) => record.end))
  );
}

/** Tools whose timing the loop tests observe: Wait (parallel-safe), Change (must run alone), Bash (fails on demand). */
export function timingTools(log: CallRecord[]): AnyTool[] {
  let sequence = 0;
  const waitFor = (ms: number, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  const timed = (name: string, safe: boolean, abortsSiblingsOnFailure = false) =>
    buildTool({
      name,
      abortsSiblingsOnFailure,
      description: `${name} for tests`,
      inputSchema: z.object({ ms: z.number(), fail: z.boolean().optional() }),
      isReadOnly: () => safe,
      isConcurrencySafe: () => safe,
      async *call(input, context) {
        const record: CallRecord = { name, id: context.toolUseId, start: ++sequence, end: 0, aborted: false };
        log.push(record);
        record.aborted = await waitFor(input.ms, context.signal);
        record.end = ++sequence;
        if (record.aborted) return { content: 'aborted', isError: true };
        return { content: `${name} ok after ${input.ms}ms`, isError: Boolean(input.fail) };
      },
    });
  return [timed('Wait', true), timed('Change', false), timed('Bash', true, true)];
}

export interface RunResult {
  events: LoopEvent[];
  reason: TerminalReason;
  state: LoopState;
  /** Every transition the loop took, in order (seen between events). */
  transitions: Transition[];
}

/**
 * Runs query() to the end with test defaults; options override any of them. `onEvent` sees each
 * event as it is yielded, while the loop waits: a test can answer a prompt at a known point.
 */
export async function runQuery(
  client: ModelClient,
  tools: AnyTool[],
  options: Partial<QueryOptions> & {
    prompt?: string;
    history?: Message[];
    onEvent?(event: LoopEvent): void;
  } = {},
): Promise<RunResult> {
  const events: LoopEvent[] = [];
  const transitions: Transition[] = [];
  let state: LoopState | undefined;
  const controller = new AbortController();
  const base: QueryOptions = {
    messages: options.history ?? [userText(options.prompt ?? 'go')],
    system: [{ text: 'You are a test.' }],
    tools,
    toolDefinitions: toolDefinitions(tools),
    client,
    model: 'test-model',
    maxTokens: 1_000,
    maxOutputTokens: 8_000,
    maxTurns: 10,
    gate: allowAllGate,
    contextFor: (toolUseId, signal) => createToolContext({ toolUseId, signal }),
    clock: instantClock(),
    signal: controller.signal,
  };
  const { onEvent, ...overrides } = options;
  const generator = query({ ...base, ...overrides, onState: (value) => (state = value) });
  for (;;) {
    const step = await generator.next();
    const transition = state?.transition;
    if (transition && transition !== transitions.at(-1)) transitions.push(transition);
    if (step.done) return { events, reason: step.value, state: state!, transitions };
    events.push(step.value);
    onEvent?.(step.value);
  }
}
