import { z } from 'zod';
import type { FileDiagnostics } from '../context/reminders';
import type { McpCallOutcome } from './mcp-tool';
import { pathFromFileUri } from './file-uri';

const positionSchema = z.looseObject({
  line: z.number().int().nonnegative(),
  character: z.number().int().nonnegative(),
});

/** `getDiagnostics`' answer (IDE protocol §1.9): one entry per file, positions 0-based. */
export const ideDiagnosticsSchema = z.array(
  z.looseObject({
    uri: z.string(),
    diagnostics: z.array(
      z.looseObject({
        message: z.string(),
        severity: z.string(),
        range: z.looseObject({ start: positionSchema }),
        source: z.string().optional(),
        code: z.union([z.string(), z.number()]).optional(),
      }),
    ),
  }),
);

const severities: Record<string, FileDiagnostics['diagnostics'][number]['severity']> = {
  error: 'error',
  warning: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
};

/** Calls one tool of one server (the manager does, by name). */
export type ServerToolCaller = (request: {
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
  signal: AbortSignal;
}) => Promise<McpCallOutcome>;

/** The editor's diagnostics for some files (or all), as the core's reminder type; undefined when unavailable. */
export type DiagnosticsProvider = (
  paths: readonly string[] | undefined,
  signal: AbortSignal,
) => Promise<FileDiagnostics[] | undefined>;

/**
 * Reads diagnostics through the IDE server's `getDiagnostics` tool, one file per call (or every file
 * with none), and converts them: URIs to paths, 0-based positions to 1-based lines. An answer that
 * is not the documented shape counts as unavailable, never as "no problems".
 */
export function ideDiagnosticsProvider(call: ServerToolCaller, server = 'ide'): DiagnosticsProvider {
  const fetch = async (argumentsOf: Record<string, unknown>, signal: AbortSignal) => {
    const outcome = await call({ server, tool: 'getDiagnostics', arguments: argumentsOf, signal });
    if (!outcome.ok || outcome.result.isError === true) return undefined;
    const item = outcome.result.content[0];
    if (item?.type !== 'text') return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(item.text);
    } catch {
      return undefined;
    }
    const parsed = ideDiagnosticsSchema.safeParse(raw);
    return parsed.success ? parsed.data.map(toFileDiagnostics) : undefined;
  };
  return async (paths, signal) => {
    if (paths === undefined) return fetch({}, signal);
    // As the claude CLI sends it: `file://` and the raw path, not percent-encoded (§1.9).
    const results = await Promise.all(paths.map((path) => fetch({ uri: `file://${path}` }, signal)));
    if (results.some((result) => result === undefined)) return undefined;
    return results.flatMap((result) => result ?? []);
  };
}

function toFileDiagnostics(entry: z.infer<typeof ideDiagnosticsSchema>[number]): FileDiagnostics {
  return {
    path: pathFromFileUri(entry.uri),
    diagnostics: entry.diagnostics.map((diagnostic) => ({
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      severity: severities[diagnostic.severity.toLowerCase()] ?? 'information',
      message: diagnostic.message,
      ...(diagnostic.source === undefined ? {} : { source: diagnostic.source }),
      ...(diagnostic.code === undefined ? {} : { code: diagnostic.code }),
    })),
  };
}
