import { neutralizeReminderTags } from '../context/reminders';
import type { ReportedDiagnostic } from './reported-diagnostic';
import { describeDiagnostic } from './reported-diagnostic';

/** What the person asked for from the editor: fix or explain problems, or a selection. */
export type EditorRequestKind = 'fix' | 'explain';

/** A request started from the editor (a code action or a context-menu entry). */
export interface EditorRequest {
  kind: EditorRequestKind;
  /** Workspace-relative path as the person sees it. */
  path: string;
  /** The file's lines (the open document, unsaved typing included). */
  lines: readonly string[];
  /** The problems to fix or explain; empty for a selection. */
  diagnostics: readonly ReportedDiagnostic[];
  /** 0-based, inclusive: the lines the person selected, when there is no diagnostic. */
  selection?: { startLine: number; endLine: number };
}

/** The first message of the task: the short line the person sees, and the context the model gets. */
export interface EditorRequestMessage {
  /** Shown as the person's message: "Fix: Type 'string' is not assignable…". */
  prompt: string;
  /**
   * The problems, the code around them and the path: sent to the model in a `<system-reminder>`,
   * shown to the person folded under the prompt, with `title`.
   */
  context: { title: string; text: string };
}

/** Lines of code shown above and below each problem. */
export const contextLines = 8;
/** Problems listed at most in one request. */
export const maxListedProblems = 20;
const promptChars = 100;

function shorten(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > promptChars ? `${line.slice(0, promptChars - 1)}…` : line;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** Merged windows of lines around each span, so close problems share one excerpt. */
function windows(
  spans: readonly { startLine: number; endLine: number }[],
  lineCount: number,
): [number, number][] {
  const sorted = [...spans].sort((a, b) => a.startLine - b.startLine);
  const merged: [number, number][] = [];
  for (const span of sorted) {
    const start = Math.max(0, span.startLine - contextLines);
    const end = Math.min(lineCount - 1, span.endLine + contextLines);
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function excerpt(request: EditorRequest, spans: readonly { startLine: number; endLine: number }[]): string {
  const marked = (line: number): boolean =>
    spans.some((span) => span.startLine <= line && line <= span.endLine);
  const width = String(request.lines.length).length;
  return windows(spans, request.lines.length)
    .map(([start, end]) =>
      request.lines
        .slice(start, end + 1)
        .map((text, offset) => {
          const line = start + offset;
          return `${marked(line) ? '»' : ' '} ${String(line + 1).padStart(width)}  ${neutralizeReminderTags(text)}`;
        })
        .join('\n'),
    )
    .join('\n   …\n');
}

function promptOf(request: EditorRequest): string {
  const [first] = request.diagnostics;
  const verb = request.kind === 'fix' ? 'Fix' : 'Explain';
  if (request.diagnostics.length === 1 && first) return `${verb}: ${shorten(first.message)}`;
  if (request.diagnostics.length > 1) {
    return `${verb} the ${request.diagnostics.length} problems in ${baseName(request.path)}`;
  }
  const { startLine, endLine } = request.selection ?? { startLine: 0, endLine: request.lines.length - 1 };
  const lines = startLine === endLine ? `line ${startLine + 1}` : `lines ${startLine + 1}–${endLine + 1}`;
  return `${verb} ${lines} of ${baseName(request.path)}`;
}

function instructions(request: EditorRequest): string {
  if (request.kind === 'explain') {
    return 'Explain what the code does and, for a problem, why the editor reports it and how it could be fixed. Do not change files unless the user asks.';
  }
  return request.diagnostics.length > 0
    ? 'Fix the cause of each problem with the smallest change that keeps the code correct; do not change unrelated code. The editor will report which problems remain after your edits are accepted.'
    : 'Find and fix what is wrong in the selected lines with the smallest change; do not change unrelated code.';
}

/**
 * The first message of a task started from the editor: a short prompt the person sees as theirs,
 * and context (for a `<system-reminder>`) carrying the problems (message, code, source, severity, position), the code around
 * them with the problem lines marked, and the file's path. At most 20 problems are listed.
 */
export function editorRequestMessage(request: EditorRequest): EditorRequestMessage {
  const listed = request.diagnostics.slice(0, maxListedProblems);
  const spans =
    listed.length > 0
      ? listed.map((diagnostic) => ({
          startLine: diagnostic.range.startLine,
          endLine: diagnostic.range.endLine,
        }))
      : [request.selection ?? { startLine: 0, endLine: Math.max(0, request.lines.length - 1) }];
  const from = request.diagnostics.length > 0 ? 'a problem the editor reports' : 'code they selected';
  const parts = [
    `The user asked you, from the editor ("${request.kind === 'fix' ? 'Fix' : 'Explain'} with Tandem"), about ${from} in ${request.path}.`,
  ];
  if (listed.length > 0) {
    parts.push(
      `Problems (${request.diagnostics.length}):`,
      ...listed.map((diagnostic) => `- ${describeDiagnostic(diagnostic)}`),
    );
    if (request.diagnostics.length > listed.length)
      parts.push(`- … and ${request.diagnostics.length - listed.length} more`);
  }
  parts.push(
    `${request.path} around ${listed.length > 0 ? 'them' : 'the selection'} (» marks ${listed.length > 0 ? 'the problem lines' : 'the selected lines'}):`,
    excerpt(request, spans),
  );
  parts.push(instructions(request));
  const title = `${listed.length > 0 ? (request.diagnostics.length === 1 ? 'The problem' : 'The problems') : 'The selected code'} and the code around, from ${request.path}`;
  return { prompt: promptOf(request), context: { title, text: parts.join('\n') } };
}
