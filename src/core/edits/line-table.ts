/** A file's lines with their offsets, the unit the tolerant matcher and diagnostics work on. */

/** One line: where it starts, its text without the break, and the break itself ('' for the last). */
export interface Line {
  start: number;
  text: string;
  eol: '' | '\n' | '\r\n';
}

/**
 * Splits on LF and CRLF. Text ending with a break yields a final empty line with `eol: ''`, so every
 * offset in the text belongs to exactly one line.
 */
export function splitLines(content: string): Line[] {
  const parts = content.split('\n');
  const lines: Line[] = [];
  let start = 0;
  parts.forEach((raw, index) => {
    const last = index === parts.length - 1;
    const crlf = !last && raw.endsWith('\r');
    lines.push({ start, text: crlf ? raw.slice(0, -1) : raw, eol: last ? '' : crlf ? '\r\n' : '\n' });
    start += raw.length + 1;
  });
  return lines;
}

/** The 1-based line number of an offset. */
export function lineNumberAt(content: string, offset: number): number {
  let line = 1;
  for (
    let index = content.indexOf('\n');
    index !== -1 && index < offset;
    index = content.indexOf('\n', index + 1)
  )
    line++;
  return line;
}

/** Splits text the model wrote into lines (LF or CRLF), keeping the break of each line. */
export function splitWithBreaks(text: string): { lines: string[]; breaks: string[] } {
  const parts = text.split(/(\r?\n)/);
  const lines: string[] = [];
  const breaks: string[] = [];
  parts.forEach((part, index) => (index % 2 === 0 ? lines.push(part) : breaks.push(part)));
  return { lines, breaks };
}

/** Leading spaces/tabs and the rest. */
export function splitIndent(text: string): [indent: string, rest: string] {
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return [indent, text.slice(indent.length)];
}
