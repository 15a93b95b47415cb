import { createTwoFilesPatch } from 'diff';

/** One in-place substitution job found in a command: the expressions and the files they edit. */
export interface InPlaceEdit {
  tool: 'sed' | 'perl';
  expressions: string[];
  files: string[];
  /** sed -E / -r: extended regular expressions. */
  extended: boolean;
}

/**
 * Recognises `sed -i … 's/a/b/g' files` and `perl -pi -e 's/a/b/g' files`. Returns undefined for
 * anything else, including forms whose options it does not know (then no diff is shown).
 */
export function findInPlaceEdit(argv: readonly string[]): InPlaceEdit | undefined {
  const [command, ...rest] = argv;
  if (command === 'sed') return sedEdit(rest);
  if (command === 'perl') return perlEdit(rest);
  return undefined;
}

function sedEdit(words: readonly string[]): InPlaceEdit | undefined {
  const expressions: string[] = [];
  const files: string[] = [];
  let inPlace = false;
  let extended = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    if (word === '-e' || word === '--expression') expressions.push(words[++index] ?? '');
    else if (/^-i/.test(word) || word.startsWith('--in-place')) inPlace = true;
    else if (word === '-E' || word === '-r' || word === '--regexp-extended') extended = true;
    else if (word === '-n' || word.startsWith('-f') || word.startsWith('--')) return undefined;
    else if (word.startsWith('-') && word.length > 1) {
      if (!/^-[Er]*i/.test(word) && !/^-[Er]+$/.test(word)) return undefined;
      inPlace ||= word.includes('i');
      extended ||= /[Er]/.test(word);
    } else if (expressions.length === 0) expressions.push(word);
    else files.push(word);
  }
  return inPlace && expressions.length > 0 && files.length > 0
    ? { tool: 'sed', expressions, files, extended }
    : undefined;
}

function perlEdit(words: readonly string[]): InPlaceEdit | undefined {
  const expressions: string[] = [];
  const files: string[] = [];
  let inPlace = false;
  let printLoop = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    if (/^-[pi]+(\.\w+)?$/.test(word) || /^-i\.?\w*$/.test(word)) {
      inPlace ||= word.includes('i');
      printLoop ||= word.includes('p');
    } else if (/^-[pi]*e$/.test(word)) {
      inPlace ||= word.includes('i');
      printLoop ||= word.includes('p');
      expressions.push(words[++index] ?? '');
    } else if (word.startsWith('-')) return undefined;
    else files.push(word);
  }
  return inPlace && printLoop && expressions.length > 0 && files.length > 0
    ? { tool: 'perl', expressions, files, extended: true }
    : undefined;
}

interface Substitution {
  regex: RegExp;
  replacement: string;
}

/** Splits `s<d>pattern<d>replacement<d>flags` honouring escaped delimiters. */
function splitSubstitution(expression: string): [string, string, string] | undefined {
  const trimmed = expression.trim().replace(/;$/, '');
  if (!trimmed.startsWith('s') || trimmed.length < 4) return undefined;
  const delimiter = trimmed[1] ?? '';
  if (/[\s\\\n]/.test(delimiter)) return undefined;
  const parts: string[] = [];
  let current = '';
  for (let index = 2; index < trimmed.length; index++) {
    const char = trimmed[index] ?? '';
    if (char === '\\' && index + 1 < trimmed.length) {
      const next = trimmed[++index] ?? '';
      current += next === delimiter ? next : `\\${next}`;
    } else if (char === delimiter && parts.length < 2) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (parts.length !== 2) return undefined;
  return [parts[0] ?? '', parts[1] ?? '', current];
}

/** Translates a POSIX (basic or extended) regex to JS; undefined for anything it is not sure of. */
export function posixRegexToJs(pattern: string, extended: boolean): string | undefined {
  if (/\[\[?[:=.]/.test(pattern)) return undefined;
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '\\') {
      const next = pattern[++index];
      if (next === undefined) return undefined;
      if (!extended && '(){}+?|'.includes(next)) source += next;
      else if ('.*[]^$\\/'.includes(next) || (extended && '(){}+?|'.includes(next))) source += `\\${next}`;
      else if (next === 'n') source += '\\n';
      else if (next === 't') source += '\\t';
      else if (/[1-9]/.test(next)) source += `\\${next}`;
      else return undefined;
    } else if (!extended && '(){}+?|'.includes(char)) source += `\\${char}`;
    else if (char === '[') {
      const close = pattern.indexOf(']', index + (pattern[index + 1] === ']' ? 2 : 1));
      if (close === -1) return undefined;
      source += pattern.slice(index, close + 1).replace(/\\/g, '\\\\');
      index = close;
    } else source += char;
  }
  return source;
}

function translateReplacement(replacement: string, perl: boolean): string | undefined {
  let result = '';
  for (let index = 0; index < replacement.length; index++) {
    const char = replacement[index] ?? '';
    if (char === '\\') {
      const next = replacement[++index] ?? '';
      if (/[1-9]/.test(next)) result += `$${next}`;
      else if (next === 'n') result += '\n';
      else if (next === 't') result += '\t';
      else if ('&\\/'.includes(next) || next === '$') result += next === '$' ? '$$' : next;
      else return undefined;
    } else if (char === '&' && !perl) result += '$&';
    else if (char === '$') {
      const next = replacement[index + 1] ?? '';
      if (perl && /[1-9&]/.test(next)) {
        result += `$${next}`;
        index++;
      } else if (perl) return undefined;
      else result += '$$';
    } else result += char;
  }
  return result;
}

function compileSubstitution(expression: string, extended: boolean, perl: boolean): Substitution | undefined {
  const parts = splitSubstitution(expression);
  if (!parts) return undefined;
  const [pattern, replacement, flags] = parts;
  if (!/^[gIi]*$/.test(flags)) return undefined;
  const source = perl
    ? /\(\?[^:=!]|\\[pPkgGQE]/.test(pattern)
      ? undefined
      : pattern
    : posixRegexToJs(pattern, extended);
  const translated = translateReplacement(replacement, perl);
  if (source === undefined || translated === undefined) return undefined;
  try {
    const jsFlags = `${flags.includes('g') ? 'g' : ''}${/[iI]/.test(flags) ? 'i' : ''}`;
    return { regex: new RegExp(source, jsFlags), replacement: translated };
  } catch {
    return undefined;
  }
}

/** Applies the substitutions line by line, as sed and `perl -p` do. Undefined if any is unsupported. */
export function applyInPlaceEdit(edit: InPlaceEdit, content: string): string | undefined {
  const substitutions: Substitution[] = [];
  for (const expression of edit.expressions) {
    for (const piece of edit.tool === 'sed' ? expression.split(/\n/) : [expression]) {
      if (piece.trim() === '') continue;
      const compiled = compileSubstitution(piece, edit.extended, edit.tool === 'perl');
      if (!compiled) return undefined;
      substitutions.push(compiled);
    }
  }
  const lines = content.split('\n');
  return lines
    .map((line) =>
      substitutions.reduce((text, { regex, replacement }) => text.replace(regex, replacement), line),
    )
    .join('\n');
}

/** A unified diff of one file's change, headed with its path. */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(path, path, before, after, undefined, undefined, { context: 3 });
}
