/** One displayed diff line. Line numbers are 1-based, as editors show them; absent on the side a line is not on. */
export interface DiffLine {
  kind: 'hunk' | 'context' | 'add' | 'remove' | 'meta';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** Counts shown in an edit preview's header. */
export interface DiffStats {
  added: number;
  removed: number;
}

const hunkPattern = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
/** File headers, including the `Index:` and `====` lines the `diff` package writes. */
const fileHeaderPattern = /^(---|\+\+\+|diff |index |Index: |={3,})/;

/**
 * Turns a unified diff into numbered lines. File headers (`---`, `+++`, `diff`, `index`, `Index:`) are
 * dropped; `\ No newline at end of file` is kept as a meta line. Malformed input never throws:
 * lines before the first hunk are shown as meta.
 */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of diff.replace(/\r\n?/g, '\n').split('\n')) {
    const hunk = hunkPattern.exec(raw);
    if (hunk !== null) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      lines.push({ kind: 'hunk', text: raw });
    } else if (!inHunk) {
      if (raw !== '' && !fileHeaderPattern.test(raw)) lines.push({ kind: 'meta', text: raw });
    } else if (raw.startsWith('+')) {
      lines.push({ kind: 'add', text: raw.slice(1), newLine });
      newLine += 1;
    } else if (raw.startsWith('-')) {
      lines.push({ kind: 'remove', text: raw.slice(1), oldLine });
      oldLine += 1;
    } else if (raw.startsWith('\\')) {
      lines.push({ kind: 'meta', text: raw });
    } else if (raw.startsWith(' ') || raw === '') {
      lines.push({ kind: 'context', text: raw.slice(1), oldLine, newLine });
      oldLine += 1;
      newLine += 1;
    } else {
      inHunk = false;
      if (!fileHeaderPattern.test(raw)) lines.push({ kind: 'meta', text: raw });
    }
  }
  while (lines.at(-1)?.kind === 'context' && lines.at(-1)?.text === '') lines.pop();
  return lines;
}

/** Added and removed line counts. */
export function diffStats(lines: readonly DiffLine[]): DiffStats {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'add') added += 1;
    else if (line.kind === 'remove') removed += 1;
  }
  return { added, removed };
}
