import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describeModel } from '../../core/model/model-catalog';
import type {
  ModelClient,
  ModelError,
  ModelErrorKind,
  ModelInfo,
  ModelRequest,
  ModelStreamEvent,
} from '../../core/model/model-client';
import { toOpenaiParams } from './openai-request';
import { OpenaiStreamAssembler } from './openai-stream';
import {
  abortedError,
  kindForStatus,
  retryAfterMs,
  streamBrokenError,
  streamEndedEarlyError,
  unknownError,
} from './provider-errors';
import type { ProviderOptions } from './provider-options';
import { defaultTimeoutMs, nonEmpty } from './provider-options';

/** Options of {@link OpenaiClient}; unset fields fall back to `OPENAI_API_KEY` / `OPENAI_BASE_URL`. */
export type OpenaiClientOptions = ProviderOptions;

const officialBaseUrl = 'https://api.openai.com/v1';

const missingKeyMessage =
  'No OpenAI API key. Set OPENAI_API_KEY in the environment or enter a key in the Tandem settings; for a local server (Ollama, vLLM, LM Studio) set OPENAI_BASE_URL to its address instead.';

// Local servers ignore the key, but the SDK and some proxies insist on one being sent.
const placeholderKey = 'tandem-local-no-key';

/**
 * OpenAI chat completions as a {@link ModelClient}: OpenAI itself and any compatible server (vLLM,
 * Ollama, LM Studio, LiteLLM). Streams with usage, SDK retries off. `stream` never throws: each
 * failure ends the stream with one `error` event. A missing key is allowed for a non-OpenAI base URL.
 */
export class OpenaiClient implements ModelClient {
  readonly provider = 'openai';
  private sdk: OpenAI | undefined;
  private official = true;

  constructor(private readonly options: OpenaiClientOptions = {}) {}

  describe(modelId: string): ModelInfo {
    return describeModel(modelId, { provider: this.provider, overrides: this.options.models?.[modelId] });
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    if (request.signal.aborted) {
      yield { type: 'error', error: abortedError() };
      return;
    }
    const client = this.client();
    if (!client) {
      yield { type: 'error', error: { kind: 'authentication', message: missingKeyMessage } };
      return;
    }
    const params = toOpenaiParams(request, {
      maxTokensField: this.official ? 'max_completion_tokens' : 'max_tokens',
      reasoning: this.official && /^(?:o\d|gpt-5)/.test(request.model),
    });
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      chunks = await client.chat.completions.create(params, { signal: request.signal });
    } catch (error) {
      yield { type: 'error', error: toOpenaiModelError(error, request.signal) };
      return;
    }
    const assembler = new OpenaiStreamAssembler();
    try {
      for await (const chunk of chunks) yield* assembler.accept(chunk);
    } catch (error) {
      const mapped = error instanceof APIError ? toOpenaiModelError(error, request.signal) : undefined;
      yield {
        type: 'error',
        error: mapped ?? (request.signal.aborted ? abortedError() : streamBrokenError(error)),
      };
      return;
    }
    if (request.signal.aborted) {
      yield { type: 'error', error: abortedError() };
      return;
    }
    yield assembler.finish() ?? { type: 'error', error: streamEndedEarlyError() };
  }

  private client(): OpenAI | undefined {
    if (this.sdk) return this.sdk;
    const env = this.options.env ?? process.env;
    const baseURL = nonEmpty(this.options.baseUrl) ?? nonEmpty(env.OPENAI_BASE_URL) ?? officialBaseUrl;
    this.official = isOfficial(baseURL);
    const apiKey =
      nonEmpty(this.options.apiKey) ??
      nonEmpty(env.OPENAI_API_KEY) ??
      (this.official ? undefined : placeholderKey);
    if (!apiKey) return undefined;
    this.sdk = new OpenAI({
      apiKey,
      baseURL,
      // The SDK would read these from process.env on its own; only the injected env counts here.
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: this.options.timeoutMs ?? defaultTimeoutMs,
      ...(this.options.defaultHeaders ? { defaultHeaders: this.options.defaultHeaders } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    return this.sdk;
  }
}

function isOfficial(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

const kindForCode: Readonly<Record<string, ModelErrorKind>> = {
  context_length_exceeded: 'prompt_too_long',
  rate_limit_exceeded: 'rate_limit',
  insufficient_quota: 'rate_limit',
  invalid_api_key: 'authentication',
  server_error: 'server',
};

/**
 * Maps an `openai` SDK failure to a {@link ModelError} by class, status and the body's `code`.
 * OpenAI signals an over-long prompt with `code: context_length_exceeded`; compatible servers
 * (vLLM, LiteLLM) send no code, only their "maximum context length" sentence, which is matched too.
 */
export function toOpenaiModelError(error: unknown, signal?: AbortSignal): ModelError {
  if (error instanceof APIUserAbortError || signal?.aborted) return abortedError();
  if (error instanceof APIConnectionError) {
    return { kind: 'connection', message: `Could not reach the OpenAI-compatible server: ${error.message}` };
  }
  if (!(error instanceof APIError)) return unknownError(error);
  const body: unknown = error.error;
  const bodyMessage = isRecord(body) && typeof body.message === 'string' ? body.message : undefined;
  const message = bodyMessage ?? error.message;
  const byCode = error.code ? kindForCode[error.code] : undefined;
  let kind: ModelErrorKind;
  if (byCode === 'prompt_too_long' || (error.status === 400 && /maximum context length/i.test(message))) {
    kind = 'prompt_too_long';
  } else if (error.status === undefined) {
    kind = byCode ?? (error.type === 'server_error' ? 'server' : 'unknown');
  } else {
    kind = kindForStatus(error.status);
  }
  const result: ModelError = { kind, message };
  if (error.status !== undefined) result.status = error.status;
  const wait = retryAfterMs(error.headers);
  if (wait !== undefined) result.retryAfterMs = wait;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
