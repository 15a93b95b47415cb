const fence = /^\s{0,3}(`{3,}|~{3,})/;
const importPattern = /(?:^|\s)@((?:[^\s\\]|\\ )+)/g;
/** Sentence punctuation after a path is not part of it: "see @docs/setup.md." */
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/**
 * Removes HTML comments (`<!-- … -->`, possibly over several lines) outside fenced code blocks;
 * authors use them for notes to humans that should not cost tokens.
 */
export function stripHtmlComments(text: string): string {
  const output: string[] = [];
  let inFence: string | undefined;
  let inComment = false;
  for (const line of text.split('\n')) {
    const marker = fence.exec(line)?.[1];
    if (!inComment && marker !== undefined) {
      if (inFence === undefined) inFence = marker[0];
      else if (marker[0] === inFence) inFence = undefined;
      output.push(line);
      continue;
    }
    if (inFence !== undefined) {
      output.push(line);
      continue;
    }
    let rest = line;
    let kept = '';
    for (;;) {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end === -1) break;
        rest = rest.slice(end + 3);
        inComment = false;
      } else {
        const start = rest.indexOf('<!--');
        if (start === -1) {
          kept += rest;
          break;
        }
        kept += rest.slice(0, start);
        rest = rest.slice(start + 4);
        inComment = true;
      }
    }
    // A line that was only a comment disappears instead of leaving a blank line.
    if (kept.trim() !== '' || line.trim() === '') output.push(kept.trimEnd());
  }
  return output.join('\n');
}

/**
 * The `@path` imports of a memory file, in order, ignoring fenced code blocks and inline code spans.
 * Escaped spaces (`@my\ file.md`) are unescaped.
 */
export function findImports(text: string): string[] {
  const imports: string[] = [];
  let inFence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = fence.exec(line)?.[1];
    if (marker !== undefined) {
      if (inFence === undefined) inFence = marker[0];
      else if (marker[0] === inFence) inFence = undefined;
      continue;
    }
    if (inFence !== undefined) continue;
    const prose = line.replace(/(`+)[^`]*?\1/g, ' ');
    for (const match of prose.matchAll(importPattern)) {
      const path = (match[1] ?? '').replace(/\\ /g, ' ').replace(trailingPunctuation, '');
      if (path !== '' && !imports.includes(path)) imports.push(path);
    }
  }
  return imports;
}
