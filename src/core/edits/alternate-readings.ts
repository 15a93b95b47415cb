/**
 * Other ways to read an edit that matched nowhere as written, each a fixed mapping of the model's
 * text to one other text (never a family of texts): old_string copied with Read's line numbers,
 * the edit escaped one level too many (`\"` for `"`, `\n` for a line break, `\u2019` for ’), or HTML entities for
 * the characters they stand for. A reading is offered only when new_string reads the same way as
 * old_string, so a replacement is never half decoded; the engine then matches the reading under
 * the usual rules, ambiguity refused.
 */
import type { Tolerance } from './line-match';
import { splitWithBreaks } from './line-table';

/** The model's strings, as far as a reading is concerned. */
export interface ModelStrings {
  oldString: string;
  newString: string;
}

/** One other reading of an edit. */
export interface Reading {
  strings: ModelStrings;
  tolerance: Extract<Tolerance, 'line-numbers' | 'escaping'>;
  /** The 1-based line the quoted line numbers put old_string at; the match must start there. */
  firstLine?: number;
}

/** The readings worth trying for `strings` on `content`, in order. */
export function alternateReadings(content: string, strings: ModelStrings): Reading[] {
  const readings = [withoutLineNumbers(strings), unescaped(strings), entitiesDecoded(content, strings)];
  return readings.filter((reading): reading is Reading => reading !== undefined);
}

const numbered = /^ *(\d+)(?:(\t|→)(.*))?$/;

/** Numbered lines of `text` ('' after a final break aside), or undefined unless every line is numbered alike. */
function numberedLines(text: string): { numbers: number[]; text: string } | undefined {
  const { lines, breaks } = splitWithBreaks(text);
  const last = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const numbers: number[] = [];
  const separators = new Set<string>();
  const stripped: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (index >= last) {
      stripped.push(line);
      continue;
    }
    const parts = numbered.exec(line);
    if (!parts) return undefined;
    numbers.push(Number(parts[1]));
    if (parts[2] !== undefined) separators.add(parts[2]);
    stripped.push(parts[3] ?? '');
  }
  if (separators.size !== 1) return undefined;
  return { numbers, text: stripped.map((line, index) => line + (breaks[index] ?? '')).join('') };
}

/**
 * old_string with Read's `<number><tab>` before each line, numbered consecutively. new_string is
 * stripped alike when each of its lines is numbered, and taken as written when none is.
 */
function withoutLineNumbers(strings: ModelStrings): Reading | undefined {
  const old = numberedLines(strings.oldString);
  const first = old?.numbers[0];
  if (!old || first === undefined || old.numbers.some((number, index) => number !== first + index))
    return undefined;
  const numberedNew = numberedLines(strings.newString);
  const anyNumbered = strings.newString.split(/\r?\n/).some((line) => /^ *\d+(\t|→)/.test(line));
  if (!numberedNew && anyNumbered) return undefined;
  return {
    strings: { oldString: old.text, newString: numberedNew?.text ?? strings.newString },
    tolerance: 'line-numbers',
    firstLine: first,
  };
}

const escapes: Record<string, string> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
};

function unescape(text: string): string {
  return text.replace(
    /\\(?:(["'`\\nrt])|u([0-9a-fA-F]{4}))/g,
    (_, char: string | undefined, code: string | undefined) =>
      code !== undefined ? String.fromCharCode(parseInt(code, 16)) : (escapes[char ?? ''] ?? ''),
  );
}

/** Whether `text` has `char` escaped with a backslash, and whether it has it bare. */
function occurrences(text: string, char: string): { escaped: boolean; bare: boolean } {
  let escaped = false;
  let bare = false;
  for (let index = 0; index < text.length; index++) {
    if (text.charAt(index) === '\\') {
      if (text.charAt(index + 1) === char) escaped = true;
      index++;
    } else if (text.charAt(index) === char) {
      bare = true;
    }
  }
  return { escaped, bare };
}

/**
 * The edit escaped one level too many. Where old_string only ever escapes a quote (or only writes
 * `\n` for its line breaks), new_string must not write it bare: it would then be escaped differently
 * and decoding it could turn an intended `\n` into a line break.
 */
function unescaped(strings: ModelStrings): Reading | undefined {
  const oldString = unescape(strings.oldString);
  if (oldString === strings.oldString) return undefined;
  for (const char of ['"', "'", '`']) {
    const old = occurrences(strings.oldString, char);
    if (old.escaped && !old.bare && occurrences(strings.newString, char).bare) return undefined;
  }
  const breaksEscaped = occurrences(strings.oldString, 'n').escaped && !strings.oldString.includes('\n');
  if (breaksEscaped && strings.newString.includes('\n')) return undefined;
  return { strings: { oldString, newString: unescape(strings.newString) }, tolerance: 'escaping' };
}

const entities: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
  '&#39;': "'",
  '&#34;': '"',
  '&#x27;': "'",
  '&#x22;': '"',
};
const entityPattern = /&(?:lt|gt|amp|quot|apos|#39|#34|#x27|#x22);/g;
const anyEntity = /&(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);/;

function decodeEntities(text: string): string {
  return text.replace(entityPattern, (entity) => entities[entity] ?? entity);
}

/**
 * HTML entities for characters the file writes plainly. Never in a file that has entities of its
 * own, where `&amp;` in new_string may well be meant. As with escapes, a character old_string only
 * ever encodes must not be bare in new_string.
 */
function entitiesDecoded(content: string, strings: ModelStrings): Reading | undefined {
  const oldString = decodeEntities(strings.oldString);
  if (oldString === strings.oldString || anyEntity.test(content)) return undefined;
  const bare = (text: string, char: string) => text.replace(entityPattern, '').includes(char);
  for (const char of new Set(Object.values(entities))) {
    const encoded = Object.entries(entities).some(
      ([entity, decoded]) => decoded === char && strings.oldString.includes(entity),
    );
    if (encoded && !bare(strings.oldString, char) && bare(strings.newString, char)) return undefined;
  }
  return { strings: { oldString, newString: decodeEntities(strings.newString) }, tolerance: 'escaping' };
}
