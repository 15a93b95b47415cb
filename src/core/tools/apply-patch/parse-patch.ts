/**
 * Parser for the `*** Begin Patch` format of OpenAI's codex `apply_patch`: Add, Delete and Update
 * (with Move to) sections; `@@` context headers; ` `, `-`, `+` lines; `*** End of File`.
 */

/** One hunk line: ` ` context, `-` remove, `+` add, without its prefix. */
export interface PatchLine {
  kind: 'context' | 'remove' | 'add';
  text: string;
}

/** One `@@` hunk of an Update section. */
export interface PatchHunk {
  /** `@@ text` lines before the hunk: each is found in order before the hunk is searched. */
  headers: string[];
  lines: PatchLine[];
  /** The hunk must match at the end of the file. */
  endOfFile: boolean;
}

/** One file section; paths are as written in the patch (relative or absolute). */
export type PatchOperation =
  | { kind: 'add'; path: string; content: string }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo: string | undefined; hunks: PatchHunk[] };

/** The parsed sections, or a message naming the line that broke the grammar. */
export type ParsedPatch = { ok: true; operations: PatchOperation[] } | { ok: false; message: string };

const fileHeader = /^\*\*\* (Add|Delete|Update) File: (.+)$/;

function unwrap(input: string): string[] {
  let lines = input.trim().split(/\r?\n/);
  // Models sometimes send the shell form: apply_patch <<'EOF' … EOF.
  if (/^(?:apply_patch\s*)?<<\s*['"]?\w+['"]?\s*$/.test(lines[0]?.trim() ?? '')) lines = lines.slice(1, -1);
  return lines;
}

/** Parses the patch text. Never throws; an error names the offending line. */
export function parsePatch(input: string): ParsedPatch {
  const lines = unwrap(input);
  if (lines[0]?.trim() !== '*** Begin Patch')
    return { ok: false, message: 'The patch must start with "*** Begin Patch".' };
  if (lines[lines.length - 1]?.trim() !== '*** End Patch')
    return { ok: false, message: 'The patch must end with "*** End Patch".' };
  const operations: PatchOperation[] = [];
  let index = 1;
  const last = lines.length - 1;
  while (index < last) {
    const header = fileHeader.exec(lines[index]?.trim() ?? '');
    if (!header)
      return {
        ok: false,
        message: `Line ${index + 1}: expected "*** Add File:", "*** Update File:" or "*** Delete File:", found "${lines[index]}".`,
      };
    const [, kind, rawPath] = header;
    const path = (rawPath ?? '').trim();
    index++;
    const bodyEnd = nextFileHeader(lines, index, last);
    const body = lines.slice(index, bodyEnd);
    const parsed =
      kind === 'Add'
        ? parseAdd(path, body, index)
        : kind === 'Delete'
          ? parseDelete(path, body, index)
          : parseUpdate(path, body, index);
    if (!parsed.ok) return parsed;
    operations.push(parsed.operation);
    index = bodyEnd;
  }
  if (operations.length === 0) return { ok: false, message: 'The patch has no file sections.' };
  return { ok: true, operations };
}

function nextFileHeader(lines: readonly string[], from: number, last: number): number {
  for (let index = from; index < last; index++) if (fileHeader.test(lines[index]?.trim() ?? '')) return index;
  return last;
}

type SectionResult = { ok: true; operation: PatchOperation } | { ok: false; message: string };

function parseAdd(path: string, body: readonly string[], offset: number): SectionResult {
  const content: string[] = [];
  for (const [index, line] of body.entries()) {
    if (!line.startsWith('+'))
      return {
        ok: false,
        message: `Line ${offset + index + 1}: every line of an added file starts with "+".`,
      };
    content.push(line.slice(1));
  }
  return {
    ok: true,
    operation: { kind: 'add', path, content: content.length > 0 ? `${content.join('\n')}\n` : '' },
  };
}

function parseDelete(path: string, body: readonly string[], offset: number): SectionResult {
  const stray = body.findIndex((line) => line.trim() !== '');
  if (stray !== -1)
    return { ok: false, message: `Line ${offset + stray + 1}: a deleted file takes no lines.` };
  return { ok: true, operation: { kind: 'delete', path } };
}

function parseUpdate(path: string, body: readonly string[], offset: number): SectionResult {
  let moveTo: string | undefined;
  let start = 0;
  const move = /^\*\*\* Move to: (.+)$/.exec(body[0]?.trim() ?? '');
  if (move) {
    moveTo = (move[1] ?? '').trim();
    start = 1;
  }
  const hunks: PatchHunk[] = [];
  let current: PatchHunk = { headers: [], lines: [], endOfFile: false };
  const close = () => {
    if (current.lines.length > 0) hunks.push(current);
    current = { headers: [], lines: [], endOfFile: false };
  };
  for (let index = start; index < body.length; index++) {
    const line = body[index] ?? '';
    if (line.startsWith('@@')) {
      if (current.lines.length > 0) close();
      const context = line.slice(2).trim();
      if (context !== '') current.headers.push(context);
    } else if (line.trim() === '*** End of File') {
      current.endOfFile = true;
      close();
    } else if (line === '' || line.startsWith(' ')) {
      current.lines.push({ kind: 'context', text: line.slice(1) });
    } else if (line.startsWith('-')) {
      current.lines.push({ kind: 'remove', text: line.slice(1) });
    } else if (line.startsWith('+')) {
      current.lines.push({ kind: 'add', text: line.slice(1) });
    } else {
      return {
        ok: false,
        message: `Line ${offset + index + 1}: a hunk line starts with " ", "-" or "+", found "${line}".`,
      };
    }
  }
  close();
  if (hunks.length === 0 && moveTo === undefined)
    return { ok: false, message: `"*** Update File: ${path}" has no changes.` };
  return { ok: true, operation: { kind: 'update', path, moveTo, hunks } };
}
