/**
 * Cutting long text in the middle and saying truly what was cut. Shell output meets two caps — the
 * shell's memory buffer, then the tool result — so a cut stays a value ({@link CutText}) until it is
 * rendered once, and its one note counts everything every cap on the way left out.
 */

/**
 * What a cut left out. The note is built from this alone, so a field added here (say, where the
 * whole text was saved) reaches every note at once.
 */
export interface Omission {
  /** Characters left out. */
  characters: number;
  /** Line breaks left out; with a cut on line boundaries, the whole lines the reader never saw. */
  lines: number;
  /** A file holding the text this cut was made from, so the reader can open what it left out. */
  savedTo?: string;
}

/** A text that may have lost its middle: `head`, then what `omitted` counts, then `tail`. */
export interface CutText {
  head: string;
  omitted: Omission;
  tail: string;
}

const nothingOmitted: Omission = { characters: 0, lines: 0 };

/** A cut never moves further than this share of its length to land on a line boundary. */
const lineSnapShare = 0.2;

/** A whole text, nothing cut. */
export function wholeText(text: string): CutText {
  return { head: text, omitted: nothingOmitted, tail: '' };
}

/** The same text, noting that it was saved whole to `path`: a later cut's note names the file. */
export function savedAt(text: CutText, path: string): CutText {
  return { ...text, omitted: { ...text.omitted, savedTo: path } };
}

/** Whether anything was left out. */
export function isCut(text: CutText): boolean {
  return text.omitted.characters > 0;
}

/** The number of line breaks (`\n`) in `text`. */
export function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * The note left where text was cut, e.g. `[… 12,345 characters (310 lines) cut …]`, or with the
 * file the text was saved to: `[… 12,345 characters (310 lines) cut; the output is saved in /s/t.txt …]`.
 */
export function cutNote(omission: Omission): string {
  const characters = omission.characters.toLocaleString('en-US');
  const saved = omission.savedTo === undefined ? '' : `; the output is saved in ${omission.savedTo}`;
  if (omission.lines === 0) return `[… ${characters} characters cut${saved} …]`;
  const lines = `${omission.lines.toLocaleString('en-US')} line${omission.lines === 1 ? '' : 's'}`;
  return `[… ${characters} characters (${lines}) cut${saved} …]`;
}

/** The text as the reader gets it: head, the note on a line of its own, tail. */
export function renderCut(text: CutText): string {
  if (!isCut(text)) return text.head + text.tail;
  const head = text.head === '' || text.head.endsWith('\n') ? text.head : `${text.head}\n`;
  return `${head}${cutNote(text.omitted)}\n${text.tail}`;
}

/**
 * Cuts `text` further, keeping its head and tail, so that {@link renderCut} of the result is at most
 * `maxChars` long, note included. What is left out now is added to what was left out before, so the
 * note stays true however many caps the text went through. Cuts move to a line boundary when one is
 * near. Text that already fits is returned unchanged.
 */
export function cutMiddle(text: string | CutText, maxChars: number): CutText {
  const input = typeof text === 'string' ? wholeText(text) : text;
  const kept = input.head.length + input.tail.length;
  if (!isCut(input) && kept <= maxChars) return input;
  const { head, tail } = isCut(input) ? input : halves(input.head + input.tail);
  // The note's room is reserved at its longest: the counts it will carry can only be smaller.
  const longestNote = cutNote({
    ...input.omitted,
    characters: kept + input.omitted.characters,
    lines: countLines(head) + countLines(tail) + input.omitted.lines,
  });
  const budget = Math.max(0, maxChars - longestNote.length - 2);
  if (kept <= budget) return input;
  const tailRoom = Math.min(tail.length, Math.floor(budget / 2));
  const headLength = snapHead(head, Math.min(head.length, budget - tailRoom));
  const tailStart = snapTail(tail, tail.length - Math.min(tail.length, budget - headLength));
  const dropped = head.slice(headLength) + tail.slice(0, tailStart);
  return {
    head: head.slice(0, headLength),
    omitted: {
      ...input.omitted,
      characters: input.omitted.characters + dropped.length,
      lines: input.omitted.lines + countLines(dropped),
    },
    tail: tail.slice(tailStart),
  };
}

/** Whether there is nothing at all: no text kept and none cut. */
export function isEmptyText(text: CutText): boolean {
  return text.head === '' && text.tail === '' && !isCut(text);
}

/** The text without the one line break it ends with, if it ends with one. */
export function withoutFinalNewline(text: CutText): CutText {
  if (text.tail !== '') return { ...text, tail: text.tail.replace(/\n$/, '') };
  return { ...text, head: text.head.replace(/\n$/, '') };
}

/** The newest stretch of unbroken text: the tail after a cut, else all of it. */
export function endOfText(text: CutText): string {
  return isCut(text) ? text.tail : text.head + text.tail;
}

/** Convenience: `text` cut to at most `maxChars` and rendered with its note. */
export function cutMiddleText(text: string, maxChars: number): string {
  return renderCut(cutMiddle(text, maxChars));
}

function halves(text: string): { head: string; tail: string } {
  const middle = Math.ceil(text.length / 2);
  return { head: text.slice(0, middle), tail: text.slice(middle) };
}

/** A head length at most `length`, ending after a line break when one is near the end. */
function snapHead(head: string, length: number): number {
  if (length >= head.length || length === 0) return length;
  const lineEnd = head.lastIndexOf('\n', length - 1) + 1;
  return lineEnd > 0 && length - lineEnd <= length * lineSnapShare ? lineEnd : length;
}

/** A tail start at least `start`, just after a line break when one is near the start. */
function snapTail(tail: string, start: number): number {
  if (start <= 0 || start >= tail.length || tail[start - 1] === '\n') return start;
  const lineStart = tail.indexOf('\n', start) + 1;
  const length = tail.length - start;
  return lineStart > 0 && lineStart - start <= length * lineSnapShare ? lineStart : start;
}
