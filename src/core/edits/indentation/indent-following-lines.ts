/**
 * The exact match of a one-line old_string that starts after some of its line's indentation: the
 * model quoted the line from its first word, or with only part of its indentation. The later lines
 * of new_string were then written either as they stand in the file, or relative to the quoted line
 * (as in a dedented copy). When they do not all carry the line's full indentation they are the
 * latter, and are re-indented the way a tolerant match of that line reads them: the file's kind and
 * unit, the quoted line's depth added.
 */
import type { IndentRule } from './indent-rule';
import { splitIndent, splitLines } from '../line-table';
import { createWindowRules } from './window-rules';

/** One exact match: where it starts, the old_string it matched, and new_string as it will be written. */
export interface ExactMatch {
  start: number;
  oldString: string;
  text: string;
}

/** `text` with its later lines re-indented for the exact match; `text` itself when they need nothing. */
export function indentFollowingLines(content: string, { start, oldString, text }: ExactMatch): string {
  if (/\n./.test(oldString) || !text.includes('\n')) return text;
  const lineStart = content.lastIndexOf('\n', start - 1) + 1;
  const before = content.slice(lineStart, start);
  if (!/^[ \t]+$/.test(before)) return text;
  const [modelIndent] = splitIndent(oldString);
  const fileIndent = before + modelIndent;
  const [first = '', ...rest] = text.split(/(?<=\n)/);
  const later = rest.filter((line) => line.trim() !== '');
  if (later.length === 0 || later.every((line) => line.startsWith(fileIndent))) return text;
  const lines = splitLines(content);
  const index = lines.findIndex((line) => line.start === lineStart);
  for (const rule of createWindowRules({ content, lines, modelTexts: [oldString, text] })(index, 1)) {
    if (!rule.accept(modelIndent, fileIndent)) continue;
    const mapped = mapLines(rest, rule, modelIndent);
    if (mapped !== undefined) return first + mapped;
  }
  if (modelIndent !== '') return text;
  return first + rest.map((line) => (line.trim() === '' ? line : before + line)).join('');
}

function mapLines(lines: readonly string[], rule: IndentRule, firstIndent: string): string | undefined {
  let previous = firstIndent;
  let result = '';
  for (const line of lines) {
    if (line.trim() === '') {
      result += line;
      continue;
    }
    const [indent, rest] = splitIndent(line);
    const mapped = rule.map(indent, previous);
    if (mapped === undefined) return undefined;
    result += mapped + rest;
    previous = indent;
  }
  return result;
}
