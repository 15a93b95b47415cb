import { performance } from 'node:perf_hooks';
import type { Message } from '../../src/core/messages/message';
import type { ModelRequest, ModelStreamEvent } from '../../src/core/model/model-client';

/** A stream event and when the consumer saw it (`performance.now()`, same clock as the server's). */
export interface TimedEvent {
  event: ModelStreamEvent;
  at: number;
}

/** Drains a model stream; a throw from it is a test failure, since `stream` must never throw. */
export async function collectTimed(stream: AsyncIterable<ModelStreamEvent>): Promise<TimedEvent[]> {
  const events: TimedEvent[] = [];
  for await (const event of stream) events.push({ event, at: performance.now() });
  return events;
}

/** Drains a model stream into its events. */
export async function collectEvents(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  return (await collectTimed(stream)).map((timed) => timed.event);
}

/** A small valid request; fields can be replaced. */
export function modelRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'Read src/app.ts' }] }];
  return {
    model: 'claude-sonnet-4-6',
    system: [{ text: 'You are Tandem.', cacheBreakpoint: true }, { text: 'cwd: /work' }],
    messages,
    tools: [
      {
        name: 'Read',
        description: 'Reads a file.',
        inputSchema: { properties: { path: { type: 'string' } }, required: ['path'] },
      },
      {
        name: 'Grep',
        description: 'Searches files.',
        inputSchema: { properties: { pattern: { type: 'string' } } },
      },
    ],
    maxTokens: 1024,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** The single `error` event that ends a failed stream, or a failure message. */
export function onlyError(
  events: readonly ModelStreamEvent[],
): Extract<ModelStreamEvent, { type: 'error' }>['error'] {
  const errors = events.filter((event) => event.type === 'error');
  const last = events.at(-1);
  if (errors.length !== 1 || last?.type !== 'error') {
    throw new Error(
      `expected exactly one error event at the end, got ${JSON.stringify(events.map((event) => event.type))}`,
    );
  }
  return last.error;
}
