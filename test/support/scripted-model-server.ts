import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WireError } from './scripted-anthropic-wire';
import { anthropicHttpError, anthropicMessage, streamAnthropic } from './scripted-anthropic-wire';
import { openaiCompletion, openaiHttpError, streamOpenai } from './scripted-openai-wire';
import type { PromptCacheOptions } from './prompt-cache-emulator';
import { PromptCacheEmulator } from './prompt-cache-emulator';
import { readableChars } from './readable-size';
import type { StreamPlan } from './scripted-stream';
import { SseChannel, resolveUsage } from './scripted-stream';
import type {
  RecordedRequest,
  ScriptUsage,
  ScriptedFault,
  ScriptedReply,
  ScriptedTurn,
  SentBlock,
  SentDelta,
} from './scripted-turn';
import {
  asOutcome,
  doneReply,
  estimateTokens,
  impliedStopReason,
  malformedToolJsonPieces,
  resolveBlocks,
} from './scripted-turn';

type Dialect = 'anthropic' | 'openai';

/** Options of {@link ScriptedModelServer}. */
export interface ScriptedModelServerOptions {
  /**
   * Emulate Anthropic's prompt caching from the requests' `cache_control` breakpoints: Messages API
   * usage then splits input into cache reads, cache writes and plain input, and count_tokens uses
   * the same count. Off by default (all input is plain).
   */
  promptCache?: PromptCacheOptions;
  /**
   * How the server's tokenizer counts: characters of the request's JSON per token, for usage,
   * count_tokens and the cache alike. Default 4, the agents' own estimate; another value plays a
   * provider whose tokenizer differs, for calibration tests.
   */
  charsPerToken?: number;
}

/**
 * A real HTTP model server on 127.0.0.1 for tests and benchmarks: it speaks the Anthropic Messages
 * API (`POST /v1/messages`, SSE or JSON, plus `count_tokens`) and OpenAI chat completions
 * (`POST /v1/chat/completions`), so the real SDKs sit on the other end of the socket.
 *
 * Answers come from a queue of scripted turns shared by both dialects; an empty queue answers
 * "done". Every request is recorded in {@link requests}; every streamed block's wire timing in
 * {@link sent}. With `promptCache`, Messages API usage comes from {@link PromptCacheEmulator}.
 *
 * ```ts
 * const server = new ScriptedModelServer();
 * const { url } = await server.start(); // Anthropic baseURL = url, OpenAI baseURL = `${url}/v1`
 * server.enqueue(
 *   [{ text: 'Reading both.' }, { toolUse: { name: 'Read', input: { path: 'a.ts' } } }],
 *   { fault: 'http', status: 429, retryAfter: 2 },
 *   (request) => [{ text: `saw ${JSON.stringify(request.body).length} bytes` }],
 * );
 * await server.close();
 * ```
 */
export class ScriptedModelServer {
  /** Every request received, in order, count_tokens and 404s included. */
  readonly requests: RecordedRequest[] = [];
  /** Wire timing of each streamed block, for ordering and latency assertions. */
  readonly sent: SentBlock[] = [];
  /** Every streamed delta as it was written, for tests that act mid-stream (a kill). */
  readonly deltas: SentDelta[] = [];
  private readonly queue: ScriptedTurn[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private counter = 0;
  private readonly cache: PromptCacheEmulator | undefined;
  private readonly charsPerToken: number;

  constructor(options: ScriptedModelServerOptions = {}) {
    this.charsPerToken = options.charsPerToken ?? 4;
    this.cache = options.promptCache
      ? new PromptCacheEmulator({ charsPerToken: this.charsPerToken, ...options.promptCache })
      : undefined;
  }

  /** Appends turns; each model request consumes one. */
  enqueue(...turns: ScriptedTurn[]): this {
    this.queue.push(...turns);
    return this;
  }

  /** Turns not consumed yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** The model requests only (Messages and chat completions), without count_tokens or 404s. */
  get modelRequests(): RecordedRequest[] {
    return this.requests.filter((request) => dialectOf(request.path) !== undefined);
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('ScriptedModelServer: call start() first');
    return this.baseUrl;
  }

  /**
   * Listens on 127.0.0.1, on a random port unless `port` is given: after {@link close}, starting
   * again on the same port lets a test refuse connections for a while and then take them again.
   */
  async start(port = 0): Promise<{ url: string; openaiBaseUrl: string }> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('ScriptedModelServer: no TCP address');
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    return { url: this.baseUrl, openaiBaseUrl: `${this.baseUrl}/v1` };
  }

  /** Stops listening and drops open connections, streams in flight included. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const record = await readRequest(request);
    this.requests.push(record);
    const dialect = dialectOf(record.path);
    if (record.path === '/v1/messages/count_tokens') {
      const tokens =
        this.cache?.count(record.body) ?? estimateTokens(readableChars(record.body), this.charsPerToken);
      sendJson(response, { status: 200, headers: {}, body: { input_tokens: tokens } });
      return;
    }
    if (!dialect || record.method !== 'POST') {
      const notFound = anthropicHttpError(
        { fault: 'http', status: 404, message: `Not found: ${record.method} ${record.path}` },
        this.nextId('req'),
      );
      sendJson(response, notFound);
      return;
    }
    try {
      await this.answer(dialect, record, response, this.requests.length - 1);
    } catch (error) {
      const message = `scripted turn failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!response.headersSent)
        sendJson(response, this.httpError(dialect, { fault: 'http', status: 500, message }));
      else response.destroy();
    }
  }

  private async answer(
    dialect: Dialect,
    record: RecordedRequest,
    response: ServerResponse,
    requestIndex: number,
  ): Promise<void> {
    const next = this.queue.shift() ?? doneReply;
    const outcome = asOutcome(typeof next === 'function' ? await next(record) : next);
    if (!('fault' in outcome) && outcome.delayMs) await new SseChannel(response).wait(outcome.delayMs);
    if ('fault' in outcome && outcome.fault === 'http') {
      sendJson(response, this.httpError(dialect, outcome));
      return;
    }
    const body = isRecord(record.body) ? record.body : {};
    const cached = dialect === 'anthropic' ? this.cache?.apply(record.body) : undefined;
    if (cached && !('usage' in cached)) {
      sendJson(response, this.httpError(dialect, { fault: 'http', status: 400, message: cached.message }));
      return;
    }
    if (cached) record.cache = cached;
    const plan = this.plan(dialect, outcome, {
      model: typeof body.model === 'string' ? body.model : 'scripted-model',
      requestChars: readableChars(record.body),
      requestIndex,
      cacheUsage: cached?.usage,
    });
    record.usage = plan.usage;
    const id = this.nextId(dialect === 'anthropic' ? 'msg' : 'chatcmpl');
    if (body.stream !== true) {
      if (plan.interrupt?.action === 'reset') response.socket?.destroy();
      else if (plan.interrupt?.action === 'error')
        sendJson(response, { status: 200, headers: {}, body: plan.interrupt.body });
      else
        sendJson(response, {
          status: 200,
          headers: {},
          body: dialect === 'anthropic' ? anthropicMessage(plan, id) : openaiCompletion(plan, id),
        });
      return;
    }
    const channel = new SseChannel(response);
    if (dialect === 'anthropic') await streamAnthropic(channel, plan, id);
    else await streamOpenai(channel, plan, { completionId: id, includeUsage: includesUsage(body) });
  }

  private plan(
    dialect: Dialect,
    outcome: ScriptedReply | Exclude<ScriptedFault, { fault: 'http' }>,
    context: { model: string; requestChars: number; requestIndex: number; cacheUsage?: ScriptUsage },
  ): StreamPlan {
    const request = { chars: context.requestChars, charsPerToken: this.charsPerToken };
    const nextToolId = (): string =>
      this.nextId(dialect === 'anthropic' ? 'toolu_scripted' : 'call_scripted');
    const common = {
      model: context.model,
      requestIndex: context.requestIndex,
      onSent: (block: SentBlock) => this.sent.push(block),
      onDelta: (delta: SentDelta) => this.deltas.push(delta),
    };
    if (!('fault' in outcome)) {
      const blocks = resolveBlocks(outcome, nextToolId);
      return {
        ...common,
        blocks,
        stopReason: impliedStopReason(outcome),
        usage: resolveUsage({ ...context.cacheUsage, ...outcome.usage }, request, blocks),
      };
    }
    if (outcome.fault === 'reset-mid-stream' || outcome.fault === 'error-mid-stream') {
      const filler = Array.from({ length: outcome.afterBlocks + 1 }, (_, index) => ({
        text: `partial answer ${index + 1}. `,
      }));
      const blocks = resolveBlocks({ blocks: outcome.blocks ?? filler }, nextToolId);
      const usage = resolveUsage(context.cacheUsage, request, blocks);
      const point = {
        afterBlocks: outcome.afterBlocks,
        partialDeltas: outcome.partialDeltas ?? 0,
        ...(outcome.holdUntil ? { holdUntil: outcome.holdUntil } : {}),
      };
      const interrupt: StreamPlan['interrupt'] =
        outcome.fault === 'reset-mid-stream'
          ? { ...point, action: 'reset' }
          : { ...point, action: 'error', body: this.streamErrorBody(dialect, outcome) };
      return { ...common, blocks, stopReason: 'end_turn', usage, interrupt };
    }
    const reply: ScriptedReply = {
      blocks: [{ toolUse: { id: outcome.id, name: outcome.name ?? 'Write', input: {} } }],
    };
    const blocks = resolveBlocks(reply, nextToolId).map((block) => ({
      ...block,
      json: malformedToolJsonPieces.join(''),
    }));
    const usage = resolveUsage(context.cacheUsage, request, blocks);
    return {
      ...common,
      blocks,
      stopReason: 'tool_use',
      usage,
      pieces: new Map([[0, malformedToolJsonPieces]]),
    };
  }

  private streamErrorBody(
    dialect: Dialect,
    fault: Extract<ScriptedFault, { fault: 'error-mid-stream' }>,
  ): unknown {
    const http: Extract<ScriptedFault, { fault: 'http' }> = { fault: 'http', status: fault.status ?? 529 };
    if (fault.message !== undefined) http.message = fault.message;
    return this.httpError(dialect, http).body;
  }

  private httpError(dialect: Dialect, fault: Extract<ScriptedFault, { fault: 'http' }>): WireError {
    const requestId = this.nextId('req');
    return dialect === 'anthropic' ? anthropicHttpError(fault, requestId) : openaiHttpError(fault, requestId);
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${String(this.counter).padStart(4, '0')}`;
  }
}

function dialectOf(path: string): Dialect | undefined {
  if (path === '/v1/messages') return 'anthropic';
  if (path === '/v1/chat/completions' || path === '/chat/completions') return 'openai';
  return undefined;
}

function includesUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  return isRecord(options) && options.include_usage === true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const receivedAt = performance.now();
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = request.url ?? '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: request.method ?? 'GET',
    path: url.split('?')[0] ?? url,
    url,
    headers,
    body: parseBody(text),
    receivedAt,
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sendJson(response: ServerResponse, error: WireError): void {
  const payload = JSON.stringify(error.body);
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...error.headers,
  });
  response.end(payload);
}
