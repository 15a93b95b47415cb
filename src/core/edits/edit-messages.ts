/** The engine's words for the model: refusals it can act on, and notes on tolerant matches. */
import { describeClosestText, findPlaceholderLine } from './closest-text';
import { lineNumberAt } from './line-table';
import type { Tolerance } from './tolerant-match';

/** A refusal as the engine returns it. */
export interface EditRefusal {
  ok: false;
  code: 'ambiguous' | 'not-found' | 'elided';
  message: string;
}

const shownLines = 5;

/** The lines of the first few starts, and how many more there are; only those shown are counted. */
function listLines(content: string, starts: readonly number[]): string {
  const shown = starts
    .slice(0, shownLines)
    .map((start) => lineNumberAt(content, start))
    .join(', ');
  return starts.length > shownLines ? `${shown} and ${starts.length - shownLines} more` : shown;
}

/** old_string matched more than one place; names the lines of the first few. */
export function ambiguous(content: string, starts: readonly number[], tolerant: boolean): EditRefusal {
  const how = tolerant ? ' (after allowing for quotes, whitespace and indentation)' : '';
  return {
    ok: false,
    code: 'ambiguous',
    message: `old_string matches ${starts.length} places${how}, at lines ${listLines(content, starts)}. Nothing was changed. Include more surrounding lines to pick one, or set replace_all to change every one.`,
  };
}

/** old_string matched nowhere: says why if it can tell (a placeholder, Read's line numbers), and shows the closest text. */
export function notFound(content: string, oldString: string): EditRefusal {
  const lines = oldString.split(/\r?\n/);
  const placeholder = findPlaceholderLine(lines);
  const closest = describeClosestText(content, oldString, placeholder);
  const suffix = closest ? `\n${closest}` : '';
  if (placeholder >= 0) {
    return {
      ok: false,
      code: 'elided',
      message: `old_string leaves text out with a placeholder (its line ${placeholder + 1}: "${(lines[placeholder] ?? '').trim()}"). Nothing was changed. Quote every line you replace, or make several smaller edits.${suffix}`,
    };
  }
  const quoted = lines.filter((line) => line.trim() !== '');
  if (quoted.length > 0 && quoted.every((line) => /^ *\d+\t/.test(line))) {
    return {
      ok: false,
      code: 'not-found',
      message: `old_string starts its lines with Read's line numbers ("${(lines[0] ?? '').split('\t')[0]?.trim()}<tab>"). Nothing was changed. Quote the file's text without the number and tab before each line.`,
    };
  }
  const advice = closest
    ? 'Copy the exact text from the file'
    : 'Read the file again and quote its text exactly';
  return {
    ok: false,
    code: 'not-found',
    message: `old_string was not found in the file, even allowing for quotes, whitespace and indentation. Nothing was changed. ${advice}.${suffix}`,
  };
}

const toleranceWords: Record<Tolerance, string> = {
  quotes: 'quote style',
  'trailing-whitespace': 'trailing whitespace',
  'line-endings': 'line endings',
  'final-newline': 'a final newline the file does not have',
  indentation: 'indentation',
  'line-numbers': "Read's line numbers copied into the edit",
  escaping: 'text escaped one level too many',
};

/** One sentence for the model about a tolerant match; empty when the match was exact. */
export function describeTolerance(tolerance: readonly Tolerance[]): string {
  if (tolerance.length === 0) return '';
  const words = tolerance.map((item) => toleranceWords[item]).join(', ');
  return `Matched allowing for ${words}; the replacement was written in the file's own conventions.`;
}
