/**
 * The body shared by Edit and MultiEdit: guards, the engine applied edit by edit on the evolving
 * text (all or nothing), then one proposal through the FileWriter.
 */
import type { ToolContext, ToolResult } from '../tools/tool';
import { errorResult, textResult } from '../tools/tool';
import type { EditRequest, Tolerance } from './apply-edit';
import { applyEdit, describeTolerance } from './apply-edit';
import { loadTextFile, readState } from './load-text-file';
import { numberLines } from './number-lines';
import { describeWriteOutcome, proposeFileWrite } from './propose-file-write';
import type { TextFormat } from './text-codec';
import { defaultTextFormat } from './text-codec';

const changedNote =
  'The file had changed on disk since you last read it; your old_string still matched exactly one place in the current text, so the edit was applied there. Read the file again before editing it further.';

interface Start {
  text: string;
  format: TextFormat;
  before: string | undefined;
  changed: boolean;
}

async function startingPoint(
  context: ToolContext,
  path: string,
  firstEdit: EditRequest | undefined,
): Promise<Start | ToolResult> {
  const loaded = await loadTextFile(context.workspace, path);
  switch (loaded.kind) {
    case 'missing':
      if (firstEdit?.oldString === '')
        return { text: '', format: defaultTextFormat, before: undefined, changed: false };
      return errorResult(
        `File does not exist: ${path}. To create it, use an empty old_string (or the Write tool).`,
      );
    case 'directory':
      return errorResult(`${path} is a directory, not a file.`);
    case 'binary':
      return errorResult(`${path} is a binary file; only text files can be edited.`);
    case 'text': {
      const state = readState(context.fileState.get(path), {
        text: loaded.decoded.text,
        mtimeMs: loaded.mtimeMs,
      });
      if (state === 'never-read')
        return errorResult(`You have not read ${path} in this session. Read it first, then edit it.`);
      return {
        text: loaded.decoded.text,
        format: loaded.decoded,
        before: loaded.decoded.text,
        changed: state === 'changed',
      };
    }
  }
}

/**
 * Applies `edits` in order to the file at `path` (absolute, folded) and proposes the result. Any
 * failing edit aborts the whole call and names which one failed. Never throws for expected failures.
 */
export async function editFile(
  context: ToolContext,
  path: string,
  edits: readonly EditRequest[],
): Promise<ToolResult> {
  const start = await startingPoint(context, path, edits[0]);
  if ('isError' in start) return start;
  let text = start.text;
  const tolerance = new Set<Tolerance>();
  const lines: number[] = [];
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    const outcome = applyEdit(text, edit);
    if (!outcome.ok) {
      const which =
        edits.length > 1 ? `Edit ${index + 1} of ${edits.length} failed; no edits were applied. ` : '';
      return errorResult(
        `${which}${outcome.message}${start.changed ? `\nThe file changed on disk since you last read it; read it again.` : ''}`,
      );
    }
    text = outcome.content;
    outcome.tolerance.forEach((item) => tolerance.add(item));
    lines.push(...outcome.lines);
    replacements += outcome.replacements;
  }
  const written = await proposeFileWrite(context, {
    path,
    before: start.before,
    after: text,
    format: start.format,
  });
  if (written.kind === 'rejected')
    return errorResult(`The person rejected this edit to ${path}: ${written.reason}`);
  const where = [...new Set(lines)].slice(0, 10);
  const action =
    start.before === undefined
      ? `Created ${path}.`
      : `Edited ${path}: ${plural(replacements, 'replacement')} at ${where.length === 1 ? 'line' : 'lines'} ${where.join(', ')}.`;
  const notes = [action];
  if (tolerance.size > 0) {
    notes.push(describeTolerance([...tolerance]));
    notes.push(`The edited text now reads:\n${snippet(written.content ?? text, lines[0] ?? 1, edits)}`);
  }
  if (start.changed) notes.push(changedNote);
  return textResult(notes.join('\n') + describeWriteOutcome(written), {
    kind: 'diff',
    path,
    diff: written.diff,
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function snippet(content: string, line: number, edits: readonly EditRequest[]): string {
  const span = Math.min(20, (edits[0]?.newString.split('\n').length ?? 1) + 2);
  const first = Math.max(1, line - 1);
  const lines = content.split(/\r?\n/).slice(first - 1, first - 1 + span);
  return numberLines(lines, first);
}
