import type { ModelOverrides } from '../../core/model/model-catalog';

/** The `fetch` the SDKs call; injectable so a test or a proxy can see every request. */
export type ProviderFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Options shared by both providers. Every field falls back to the provider's usual environment
 * variable, read from `env` (default `process.env`) so tests never touch the real environment.
 */
export interface ProviderOptions {
  apiKey?: string;
  baseUrl?: string;
  defaultHeaders?: Record<string, string>;
  fetch?: ProviderFetch;
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Per model id: declared window, output limit, edit tool… (a local model the catalog lacks). */
  models?: Readonly<Record<string, ModelOverrides>>;
  /** Per-request timeout in ms for the SDK; default 10 minutes. */
  timeoutMs?: number;
}

/** A non-empty trimmed value or undefined: an empty variable counts as unset. */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Ten minutes: long thinking turns stream for minutes, and the loop has its own abort. */
export const defaultTimeoutMs = 600_000;
