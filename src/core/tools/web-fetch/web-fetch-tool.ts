import { z } from 'zod';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import { countLines, cutNote } from '../../text/cut-middle';

/** Bytes read from the network; HTML shrinks a lot once turned into Markdown. */
const maxFetchBytes = 5_000_000;
/** Characters of page text given to the model. */
const maxTextChars = 100_000;
const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Input of WebFetch, as the model sends it. */
export const webFetchInputSchema = z.object({
  url: z
    .string()
    .min(1, 'url must not be empty')
    .describe('http(s) URL; http becomes https except on localhost.'),
  prompt: z.string().optional().describe('What you are looking for; returned with the content.'),
});

/** A parsed WebFetch input. */
export type WebFetchInput = z.infer<typeof webFetchInputSchema>;

/**
 * Upgrades http to https (except for localhost) and checks the URL; returns an error message for
 * anything that is not a valid http(s) URL. Pure.
 */
export function normalizeFetchUrl(url: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { error: `"${url}" is not a valid URL. Give a full URL such as https://example.com/page.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { error: `Only http and https URLs can be fetched, not ${parsed.protocol.replace(/:$/, '')}.` };
  }
  if (parsed.protocol === 'http:' && !localHosts.has(parsed.hostname)) parsed.protocol = 'https:';
  return { url: parsed.toString() };
}

/** The WebFetch tool: a page as Markdown (HTML converted behind the Fetcher port), capped at 100 KB of text. */
export const webFetchTool = buildTool<WebFetchInput>({
  name: 'WebFetch',
  permissionKind: 'fetch',
  description: `Fetches a web page as Markdown (HTML converted; other text as it is), cut at ${maxTextChars.toLocaleString('en-US')} characters: documentation, issues or references the user points to. Read-only: no logins, no forms.`,
  inputSchema: webFetchInputSchema,
  maxResultChars: maxTextChars + 2_000,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  permissionTarget: (input) => {
    const normalized = normalizeFetchUrl(input.url);
    return 'url' in normalized ? normalized.url : input.url;
  },
  summarize: (input) => input.url,
  async *call(input, context) {
    const normalized = normalizeFetchUrl(input.url);
    if ('error' in normalized) return errorResult(normalized.error);
    const response = await context.fetcher.fetch(normalized.url, {
      signal: context.signal,
      maxBytes: maxFetchBytes,
      // Each host goes through permissions on its own: an allowed domain must not redirect elsewhere unseen.
      redirects: 'same-host',
    });
    if (response.error) return errorResult(`Could not fetch ${response.url}: ${response.error}`);
    if (response.redirect) {
      return textResult(
        `${response.url} redirects (status ${response.status}) to a different host: ${response.redirect}\nTo read it, call WebFetch again with that URL.`,
      );
    }
    const text = (response.markdown ?? response.body).trim();
    const header = [
      `URL: ${response.url}`,
      `Status: ${response.status}${response.contentType ? ` (${response.contentType})` : ''}`,
    ];
    if (response.url !== normalized.url) header.push(`Redirected from ${normalized.url}.`);
    const notes: string[] = [];
    let shown = text;
    if (text.length > maxTextChars) {
      shown = text.slice(0, maxTextChars);
      notes.push(
        `${cutNote({ characters: text.length - maxTextChars, lines: countLines(text.slice(maxTextChars)) })} The page was cut at ${maxTextChars.toLocaleString('en-US')} characters.`,
      );
    } else if (response.truncated) {
      notes.push(
        `[The download stopped at ${maxFetchBytes.toLocaleString('en-US')} bytes; the rest of the page is missing.]`,
      );
    }
    if (input.prompt) header.push(`Looking for: ${input.prompt}`);
    const body = shown.length > 0 ? shown : '(empty response)';
    const content = [header.join('\n'), body, ...notes].join('\n\n');
    return { content, isError: response.status >= 400 };
  },
});
