/**
 * Diagnostics for an old_string that did not match: which line is an elision placeholder, and the
 * stretch of the file that looks most like what the model quoted. Information for the model only —
 * nothing here ever decides what gets replaced.
 */
import { numberLines } from './number-lines';
import { straightenQuotes } from './quote-style';

const placeholderPatterns = [
  /^(?:\.\.\.|…)$/,
  /^(?:\/\/|#|--|;|%)\s*(?:\.\.\.|…)/,
  /^\/\*\s*(?:\.\.\.|…).*\*\/$/,
  /^<!--\s*(?:\.\.\.|…).*-->$/,
  /^\{?\s*\/\*\s*\.\.\.\s*\*\/\s*\}?$/,
  /^(?:\/\/|#|--|\/\*|<!--)\s*(?:\.\.\.\s*)?(?:the\s+)?(?:rest of|remaining|existing|unchanged|other|same as before|more)\b/i,
];

/** The index of the first line that stands for omitted text (`...`, `// ...`, `# rest of code`). */
export function findPlaceholderLine(lines: readonly string[]): number {
  return lines.findIndex((line) => placeholderPatterns.some((pattern) => pattern.test(line.trim())));
}

function normalize(line: string): string {
  return straightenQuotes(line).trim().replace(/\s+/g, ' ');
}

function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let index = 0; index + 1 < text.length; index++) grams.add(text.slice(index, index + 2));
  return grams;
}

/** Line similarity in [0, 1]: 1 when equal after normalising, else a bigram Dice score. */
class LineSimilarity {
  readonly #grams = new Map<string, Set<string>>();
  constructor(readonly fuzzy: boolean) {}

  score(first: string, second: string): number {
    if (first === second) return 1;
    if (!this.fuzzy || first === '' || second === '') return 0;
    const a = this.#gramsOf(first);
    const b = this.#gramsOf(second);
    if (a.size + b.size === 0) return 0;
    let shared = 0;
    for (const gram of a) if (b.has(gram)) shared++;
    return (2 * shared) / (a.size + b.size);
  }

  #gramsOf(text: string): Set<string> {
    let grams = this.#grams.get(text);
    if (!grams) this.#grams.set(text, (grams = bigrams(text)));
    return grams;
  }
}

interface Window {
  start: number;
  score: number;
  /** Per model line: its similarity to the file line it was aligned with. */
  scores: number[];
}

function scoreWindow(
  fileLines: readonly string[],
  modelLines: readonly string[],
  start: number,
  similarity: LineSimilarity,
): Window {
  const scores = modelLines.map((line, index) => {
    const fileLine = fileLines[start + index];
    return fileLine === undefined ? 0 : similarity.score(line, fileLine);
  });
  return { start, score: scores.reduce((sum, value) => sum + value, 0), scores };
}

const commonLineLimit = 50;

/**
 * The window most like `modelLines`: first by votes from lines that occur verbatim (rare lines
 * only, so `}` and blank lines do not swamp them), else by a fuzzy scan when the file is small
 * enough for one.
 */
function bestWindow(
  fileLines: readonly string[],
  modelLines: readonly string[],
  from: number,
  similarity: LineSimilarity,
): Window | undefined {
  const where = new Map<string, number[]>();
  const wanted = new Set(modelLines.filter((line) => line !== ''));
  fileLines.forEach((line, index) => {
    if (index < from || !wanted.has(line)) return;
    const list = where.get(line) ?? [];
    list.push(index);
    where.set(line, list);
  });
  const votes = new Map<number, number>();
  modelLines.forEach((line, offset) => {
    const found = where.get(line);
    if (!found || found.length > commonLineLimit) return;
    for (const index of found)
      if (index - offset >= from) votes.set(index - offset, (votes.get(index - offset) ?? 0) + 1);
  });
  let best: Window | undefined;
  const consider = (start: number) => {
    const window = scoreWindow(fileLines, modelLines, start, similarity);
    if (!best || window.score > best.score) best = window;
  };
  if (votes.size > 0) {
    const top = Math.max(...votes.values());
    for (const [start, count] of votes) if (count === top) consider(start);
  } else if (similarity.fuzzy) {
    for (let start = from; start < fileLines.length; start++) consider(start);
  }
  return best;
}

const maxShownLines = 40;
const fuzzyBudget = 30_000;

/**
 * Shows the part of the file that best matches `oldString`, numbered, with the lines that differ
 * named; undefined when nothing is similar enough to help. `placeholder` splits the old text at an
 * elision line, so the window spans from its part before to its part after.
 */
export function describeClosestText(
  content: string,
  oldString: string,
  placeholder = -1,
): string | undefined {
  const rawLines = content.split(/\r?\n/);
  const fileLines = rawLines.map(normalize);
  const modelLines = oldString.split(/\r?\n/).map(normalize);
  while (modelLines.length > 1 && modelLines[modelLines.length - 1] === '') modelLines.pop();
  const similarity = new LineSimilarity(fileLines.length * modelLines.length <= fuzzyBudget);
  const head = placeholder >= 0 ? modelLines.slice(0, placeholder) : modelLines;
  const tail = placeholder >= 0 ? modelLines.slice(placeholder + 1) : [];
  const first = head.length > 0 ? bestWindow(fileLines, head, 0, similarity) : undefined;
  const firstEnd = first ? first.start + head.length : 0;
  const second = tail.length > 0 ? bestWindow(fileLines, tail, firstEnd, similarity) : undefined;
  const windows = [first, second].filter((window): window is Window => window !== undefined);
  const total = windows.reduce((sum, window) => sum + window.score, 0);
  const quoted = head.length + tail.length;
  if (windows.length === 0 || total < Math.max(0.5, quoted * 0.3)) return undefined;
  const start = windows[0]?.start ?? 0;
  const end = Math.min(
    second ? second.start + tail.length : firstEnd,
    start + maxShownLines,
    rawLines.length,
  );
  const differing = windows.flatMap((window) =>
    window.scores.flatMap((score, index) =>
      score < 1 && window.start + index < end ? [window.start + index + 1] : [],
    ),
  );
  const header = `Closest text in the file, lines ${start + 1}–${end} (for reference only; nothing was applied):`;
  const note =
    differing.length > 0
      ? `\nLines that differ from your old_string: ${differing.slice(0, 10).join(', ')}.`
      : '';
  return `${header}\n${numberLines(rawLines.slice(start, end), start + 1)}${note}`;
}
