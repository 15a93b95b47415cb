/** A block of markdown. `source` is the raw text it came from, so renderers can skip unchanged blocks. */
export type MarkdownBlock =
  | { type: 'heading'; level: number; text: string; source: string }
  | { type: 'paragraph'; text: string; source: string }
  | { type: 'code'; language: string; code: string; closed: boolean; source: string }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[]; source: string }
  | { type: 'quote'; text: string; source: string }
  | { type: 'rule'; source: string };

/** A list item with its nesting depth (0 = top level); nested lists are shown by indentation. */
export interface ListItem {
  depth: number;
  text: string;
  /** `[ ]` / `[x]` task items; undefined for plain items. */
  checked?: boolean;
}

const fencePattern = /^( {0,3})(`{3,}|~{3,})\s*([\w#+.-]*)/;
const headingPattern = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const listPattern = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const rulePattern = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const taskPattern = /^\[([ xX])\]\s+(.*)$/;

function isBlockStart(line: string): boolean {
  return fencePattern.test(line) || headingPattern.test(line) || listPattern.test(line) || /^\s*>/.test(line);
}

interface Cursor {
  lines: string[];
  index: number;
}

function isFenceClose(line: string, marker: string): boolean {
  const trimmed = line.trim();
  const char = marker[0] ?? '`';
  return trimmed.length >= marker.length && trimmed === char.repeat(trimmed.length);
}

function readFence(cursor: Cursor, match: RegExpExecArray): MarkdownBlock {
  const [, , marker = '```', language = ''] = match;
  const start = cursor.index;
  const code: string[] = [];
  cursor.index += 1;
  let closed = false;
  while (cursor.index < cursor.lines.length) {
    const line = cursor.lines[cursor.index] ?? '';
    cursor.index += 1;
    if (isFenceClose(line, marker)) {
      closed = true;
      break;
    }
    code.push(line);
  }
  const source = cursor.lines.slice(start, cursor.index).join('\n');
  return { type: 'code', language: language.toLowerCase(), code: code.join('\n'), closed, source };
}

function readList(cursor: Cursor): MarkdownBlock {
  const start = cursor.index;
  const items: ListItem[] = [];
  const first = listPattern.exec(cursor.lines[cursor.index] ?? '');
  const ordered = first !== null && /\d/.test(first[2] ?? '');
  const startNumber = ordered ? Number.parseInt(first?.[2] ?? '1', 10) : 1;
  while (cursor.index < cursor.lines.length) {
    const line = cursor.lines[cursor.index] ?? '';
    const match = listPattern.exec(line);
    if (match !== null) {
      const depth = Math.floor((match[1] ?? '').replace(/\t/g, '    ').length / 2);
      const body = match[3] ?? '';
      const task = taskPattern.exec(body);
      items.push(
        task === null
          ? { depth, text: body }
          : { depth, text: task[2] ?? '', checked: (task[1] ?? ' ').toLowerCase() === 'x' },
      );
    } else if (line.trim() !== '' && /^\s+/.test(line) && items.length > 0) {
      const last = items[items.length - 1];
      if (last !== undefined) last.text += ` ${line.trim()}`;
    } else break;
    cursor.index += 1;
  }
  return {
    type: 'list',
    ordered,
    start: startNumber,
    items,
    source: cursor.lines.slice(start, cursor.index).join('\n'),
  };
}

function readWhile(cursor: Cursor, keep: (line: string) => boolean): string[] {
  const taken: string[] = [];
  while (cursor.index < cursor.lines.length) {
    const line = cursor.lines[cursor.index] ?? '';
    if (!keep(line)) break;
    taken.push(line);
    cursor.index += 1;
  }
  return taken;
}

function readBlock(cursor: Cursor): MarkdownBlock | null {
  const line = cursor.lines[cursor.index] ?? '';
  if (line.trim() === '') {
    cursor.index += 1;
    return null;
  }
  const fence = fencePattern.exec(line);
  if (fence !== null) return readFence(cursor, fence);
  const heading = headingPattern.exec(line);
  if (heading !== null) {
    cursor.index += 1;
    return { type: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '', source: line };
  }
  if (rulePattern.test(line)) {
    cursor.index += 1;
    return { type: 'rule', source: line };
  }
  if (listPattern.test(line)) return readList(cursor);
  if (/^\s*>/.test(line)) {
    const lines = readWhile(cursor, (next) => /^\s*>/.test(next));
    return {
      type: 'quote',
      text: lines.map((next) => next.replace(/^\s*>\s?/, '')).join('\n'),
      source: lines.join('\n'),
    };
  }
  cursor.index += 1;
  const rest = readWhile(
    cursor,
    (next) => next.trim() !== '' && !isBlockStart(next) && !rulePattern.test(next),
  );
  const lines = [line, ...rest];
  return { type: 'paragraph', text: lines.join('\n'), source: lines.join('\n') };
}

/** A block and where it starts: a character offset into the (newline-normalised) input. */
export type PositionedBlock = MarkdownBlock & { offset: number };

/**
 * Splits markdown into blocks. Tolerates text cut mid-stream: an unclosed fence is a code block
 * with `closed: false`. Pure and linear in the input; never produces HTML. Each block starts on a
 * line boundary and is parsed without looking back, so parsing may restart at any block's offset.
 */
export function parseMarkdown(markdown: string): PositionedBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const cursor: Cursor = { lines, index: 0 };
  const blocks: PositionedBlock[] = [];
  while (cursor.index < lines.length) {
    const first = cursor.index;
    const block = readBlock(cursor);
    if (block !== null) blocks.push({ ...block, offset: offsets[first] ?? 0 });
  }
  return blocks;
}
