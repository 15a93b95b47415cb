/**
 * Applies an Update section's hunks to a file's text, in order, each searched after the previous
 * one, through the shared edit engine (same exact-then-tolerant rules, same refusal of ambiguity).
 */
import type { Tolerance } from '../../edits/apply-edit';
import { applyEdit } from '../../edits/apply-edit';
import { splitLines } from '../../edits/line-table';
import { straightenQuotes } from '../../edits/quote-style';
import { dominantLineEnding } from '../../edits/text-codec';
import type { PatchHunk, PatchLine } from './parse-patch';

/** The updated text and what was forgiven, or why a hunk did not apply. */
export type HunksResult =
  { ok: true; content: string; tolerance: Tolerance[] } | { ok: false; message: string };

const normalize = (text: string) => straightenQuotes(text).trim();

/** The offset just after the first line at or after `from` that reads as `header`; -1 if none. */
function findHeader(content: string, header: string, from: number): number {
  const wanted = normalize(header);
  const lines = splitLines(content).filter((line) => line.start >= from);
  const found =
    lines.find((line) => normalize(line.text) === wanted) ??
    lines.find((line) => normalize(line.text).includes(wanted));
  return found ? found.start + found.text.length + found.eol.length : -1;
}

function insertAt(content: string, offset: number, added: readonly string[]): string {
  const eol = dominantLineEnding(content);
  const before = content.slice(0, offset);
  const needsBreak = before !== '' && !before.endsWith('\n');
  return `${before}${needsBreak ? eol : ''}${added.map((line) => line + eol).join('')}${content.slice(offset)}`;
}

function leadingContext(lines: readonly PatchLine[]): number {
  const index = lines.findIndex((line) => line.kind !== 'context');
  return index === -1 ? lines.length : index;
}

/**
 * Context lines are not changes: after a tolerant match they keep the file's own text (its trailing
 * whitespace, its quotes) instead of the patch's retyped copy. Each context line matched exactly one
 * file line, so they are restored one for one.
 */
function keepContextLines(before: string, after: string, hunk: PatchHunk, firstLine: number): string {
  if (before === after) return after;
  const original = splitLines(before);
  const updated = splitLines(after);
  const start = firstLine - 1;
  const oldCount = hunk.lines.filter((line) => line.kind !== 'add').length;
  const newCount = hunk.lines.filter((line) => line.kind !== 'remove').length;
  const leading = leadingContext(hunk.lines);
  const trailing = leadingContext([...hunk.lines].reverse());
  const restore = (from: number, to: number) => {
    const source = original[from];
    const target = updated[to];
    if (source && target) target.text = source.text;
  };
  for (let index = 0; index < leading; index++) restore(start + index, start + index);
  for (let index = 0; index < trailing; index++)
    restore(start + oldCount - 1 - index, start + newCount - 1 - index);
  return updated.map((line) => line.text + line.eol).join('');
}

/** Applies `hunks` to `content`; an error names the hunk (1-based) and why it did not apply. */
export function applyHunks(content: string, hunks: readonly PatchHunk[]): HunksResult {
  let text = content;
  let position = 0;
  const tolerance = new Set<Tolerance>();
  for (const [index, hunk] of hunks.entries()) {
    const label = `Hunk ${index + 1}`;
    for (const header of hunk.headers) {
      const after = findHeader(text, header, position);
      if (after === -1)
        return { ok: false, message: `${label}: the context line "@@ ${header}" was not found.` };
      position = after;
    }
    const oldLines = hunk.lines.filter((line) => line.kind !== 'add').map((line) => line.text);
    const newLines = hunk.lines.filter((line) => line.kind !== 'remove').map((line) => line.text);
    if (oldLines.length === 0) {
      const offset = hunk.headers.length > 0 ? position : text.length;
      text = insertAt(text, offset, newLines);
      continue;
    }
    if (!hunk.lines.some((line) => line.kind !== 'context'))
      return { ok: false, message: `${label} changes nothing.` };
    const outcome = applyEdit(
      text,
      {
        oldString: `${oldLines.join('\n')}\n`,
        newString: newLines.length > 0 ? `${newLines.join('\n')}\n` : '',
      },
      { from: position, lineStart: true, atEnd: hunk.endOfFile },
    );
    if (!outcome.ok) {
      const hint =
        outcome.code === 'ambiguous'
          ? ' Add an "@@ <line>" header naming the enclosing function or class, or more context lines.'
          : '';
      return {
        ok: false,
        message: `${label}: ${outcome.message
          .replaceAll('old_string', 'its context and removed lines')
          .replaceAll('new_string', 'its context and added lines')
          .replace(/ Include more surrounding lines.*$/, '')}${hint}`,
      };
    }
    text = keepContextLines(text, outcome.content, hunk, outcome.lines[0] ?? 1);
    position = outcome.end + (text.length - outcome.content.length);
    outcome.tolerance.forEach((item) => tolerance.add(item));
  }
  return { ok: true, content: text, tolerance: [...tolerance] };
}
