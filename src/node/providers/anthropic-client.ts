import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { describeModel } from '../../core/model/model-catalog';
import type {
  ModelClient,
  ModelError,
  ModelErrorKind,
  ModelInfo,
  ModelRequest,
  ModelStreamEvent,
} from '../../core/model/model-client';
import { toAnthropicParams } from './anthropic-request';
import { AnthropicStreamAssembler } from './anthropic-stream';
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

/** Options of {@link AnthropicClient}; unset fields fall back to `ANTHROPIC_*` variables in `env`. */
export interface AnthropicClientOptions extends ProviderOptions {
  /** A bearer token for proxies and gateways (`ANTHROPIC_AUTH_TOKEN`); used when no API key is set. */
  authToken?: string;
}

const missingKeyMessage =
  'No Anthropic API key. Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a gateway) in the environment, or enter a key in the Tandem settings.';

/**
 * The Anthropic Messages API as a {@link ModelClient}. Streams through `@anthropic-ai/sdk` with SDK
 * retries off (the loop owns retries and back-off). `stream` never throws: each failure ends the
 * stream with one `error` event, including a missing key and an aborted signal.
 */
export class AnthropicClient implements ModelClient {
  readonly provider = 'anthropic';
  private sdk: Anthropic | undefined;

  constructor(private readonly options: AnthropicClientOptions = {}) {}

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
    let events: AsyncIterable<RawMessageStreamEvent>;
    try {
      events = await client.messages.create(toAnthropicParams(request), { signal: request.signal });
    } catch (error) {
      yield { type: 'error', error: toModelError(error, request.signal) };
      return;
    }
    const assembler = new AnthropicStreamAssembler();
    try {
      for await (const event of events) {
        yield* assembler.accept(event);
        if (assembler.done) return;
      }
    } catch (error) {
      const mapped = error instanceof APIError ? toModelError(error, request.signal) : undefined;
      yield {
        type: 'error',
        error: mapped ?? (request.signal.aborted ? abortedError() : streamBrokenError(error)),
      };
      return;
    }
    // The SDK ends the iteration quietly on abort, so an unfinished message is told apart here.
    yield { type: 'error', error: request.signal.aborted ? abortedError() : streamEndedEarlyError() };
  }

  /** Anthropic's count_tokens for the request as it would be sent; undefined on any failure. */
  async countTokens(request: ModelRequest): Promise<number | undefined> {
    const client = this.client();
    if (!client || request.signal.aborted) return undefined;
    const { model, system, messages, tools, thinking } = toAnthropicParams(request);
    try {
      const counted = await client.messages.countTokens(
        {
          model,
          messages,
          ...(system ? { system } : {}),
          ...(tools ? { tools } : {}),
          ...(thinking ? { thinking } : {}),
        },
        { signal: request.signal },
      );
      return counted.input_tokens;
    } catch {
      return undefined;
    }
  }

  private client(): Anthropic | undefined {
    if (this.sdk) return this.sdk;
    const env = this.options.env ?? process.env;
    const apiKey = nonEmpty(this.options.apiKey) ?? nonEmpty(env.ANTHROPIC_API_KEY);
    const authToken = apiKey
      ? undefined
      : (nonEmpty(this.options.authToken) ?? nonEmpty(env.ANTHROPIC_AUTH_TOKEN));
    if (!apiKey && !authToken) return undefined;
    this.sdk = new Anthropic({
      ...(apiKey ? { apiKey } : { authToken: authToken ?? null }),
      baseURL:
        nonEmpty(this.options.baseUrl) ?? nonEmpty(env.ANTHROPIC_BASE_URL) ?? 'https://api.anthropic.com',
      maxRetries: 0,
      timeout: this.options.timeoutMs ?? defaultTimeoutMs,
      openTelemetry: false,
      ...(this.options.defaultHeaders ? { defaultHeaders: this.options.defaultHeaders } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    return this.sdk;
  }
}

const kindForErrorType: Readonly<Record<string, ModelErrorKind>> = {
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  api_error: 'server',
  timeout_error: 'server',
  authentication_error: 'authentication',
  permission_error: 'authentication',
  invalid_request_error: 'invalid_request',
  request_too_large: 'prompt_too_long',
};

/**
 * Maps an `@anthropic-ai/sdk` failure to a {@link ModelError} by class, status and body `type`. The
 * only text matched is "prompt is too long", which is how the API signals an over-long prompt.
 */
export function toModelError(error: unknown, signal?: AbortSignal): ModelError {
  if (error instanceof APIUserAbortError || signal?.aborted) return abortedError();
  if (error instanceof APIConnectionError) {
    return { kind: 'connection', message: `Could not reach the Anthropic API: ${error.message}` };
  }
  if (!(error instanceof APIError)) return unknownError(error);
  const apiMessage = error.apiMessage ?? error.message;
  const result: ModelError = { kind: classify(error, apiMessage), message: apiMessage };
  if (error.status !== undefined) result.status = error.status;
  const wait = retryAfterMs(error.headers);
  if (wait !== undefined) result.retryAfterMs = wait;
  return result;
}

function classify(error: APIError, apiMessage: string): ModelErrorKind {
  const byType = error.type ? kindForErrorType[error.type] : undefined;
  const tooLong = /prompt is too long/i.test(apiMessage);
  if (tooLong && (error.status === 400 || error.status === undefined)) return 'prompt_too_long';
  // Mid-stream `event: error` has no status; the body's type is all there is.
  if (error.status === undefined) return byType ?? 'unknown';
  if (byType === 'overloaded') return 'overloaded';
  return kindForStatus(error.status);
}
