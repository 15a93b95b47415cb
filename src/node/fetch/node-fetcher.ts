import type { FetchOptions, FetchResult, Fetcher } from '../../core/ports';
import { htmlToMarkdown } from './html-to-markdown';

/** Options for {@link NodeFetcher}. */
export interface NodeFetcherOptions {
  /** Whole-request limit in ms, redirects included. Default 30,000. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  userAgent?: string;
}

const textTypes =
  /^(text\/|application\/(json|xml|xhtml\+xml|javascript|ld\+json|.*\+json|.*\+xml)|image\/svg\+xml)/i;

/**
 * The Fetcher port over Node's global fetch. Only http and https; follows redirects itself so each
 * hop's scheme is checked; reads at most `maxBytes` of the body (then `truncated`); turns HTML into
 * `markdown`. Never throws: every failure is an `error` value.
 */
export class NodeFetcher implements Fetcher {
  readonly #timeoutMs: number;
  readonly #maxRedirects: number;
  readonly #userAgent: string;

  constructor(options: NodeFetcherOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#userAgent = options.userAgent ?? 'Tandem (coding agent; +https://github.com/tandem-dev)';
  }

  async fetch(url: string, options: FetchOptions): Promise<FetchResult> {
    const failure = (error: string, at = url): FetchResult => ({
      url: at,
      status: 0,
      contentType: '',
      body: '',
      truncated: false,
      error,
    });
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(this.#timeoutMs)]);
    let current = url;
    try {
      for (let hop = 0; ; hop++) {
        const schemeError = checkScheme(current);
        if (schemeError) return failure(schemeError, current);
        const response = await fetch(current, {
          redirect: 'manual',
          signal,
          headers: {
            'user-agent': this.#userAgent,
            accept: 'text/markdown, text/html, text/plain, application/json, */*;q=0.5',
          },
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          if (hop >= this.#maxRedirects)
            return failure(`Too many redirects (more than ${this.#maxRedirects}).`, current);
          const next = new URL(location, current).toString();
          if (options.redirects === 'same-host' && !isSameHost(current, next)) {
            return {
              url: current,
              status: response.status,
              contentType: '',
              body: '',
              truncated: false,
              redirect: next,
            };
          }
          current = next;
          continue;
        }
        return await readResponse(response, current, options.maxBytes);
      }
    } catch (error) {
      if (options.signal.aborted) return failure('The request was aborted.', current);
      if (signal.aborted) return failure(`The request timed out after ${this.#timeoutMs} ms.`, current);
      return failure(`The request failed: ${describeError(error)}`, current);
    }
  }
}

function isSameHost(from: string, to: string): boolean {
  const host = (url: string) => new URL(url).host.replace(/^www\./, '');
  return host(from) === host(to);
}

function checkScheme(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Not a valid URL: ${url}`;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return undefined;
  return `Only http and https URLs can be fetched, not ${parsed.protocol.replace(/:$/, '')}.`;
}

async function readResponse(response: Response, url: string, maxBytes: number): Promise<FetchResult> {
  const contentType = response.headers.get('content-type') ?? '';
  const { bytes, truncated } = await readCapped(response, maxBytes);
  const base = { url, status: response.status, contentType, truncated };
  if (contentType !== '' && !textTypes.test(contentType)) {
    return {
      ...base,
      body: '',
      error: `The response is ${contentType} (${bytes.length} bytes read), which is not text.`,
    };
  }
  const body = decode(bytes, contentType);
  const isHtml = /html/i.test(contentType) || (contentType === '' && /^\s*<(!doctype html|html)/i.test(body));
  return isHtml ? { ...base, body, markdown: htmlToMarkdown(body) } : { ...base, body };
}

async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    chunks.push(value.length > room ? value.subarray(0, room) : value);
    size += Math.min(value.length, room);
    if (value.length >= room && (value.length > room || !(await isAtEnd(reader)))) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, truncated };
}

/** Called when the cap is reached exactly: only more data makes it a truncation. */
async function isAtEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (value.length > 0) return false;
  }
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
