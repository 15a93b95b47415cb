import type { Node } from 'web-tree-sitter';

/** One shell word with its quotes resolved. */
export interface ShellWord {
  value: string;
  /** The value is only known at run time (an expansion or substitution is part of it). */
  dynamic: boolean;
  /** Some part was `$'…'`, whose escapes can spell any command word. */
  ansiC: boolean;
  /**
   * The raw text of the unquoted, unescaped parts, with every quoted or escaped part replaced by
   * NUL: globbing and brace expansion happen only here.
   */
  unquoted: string;
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Decodes the inside of a `$'…'` string the way bash does (numeric, named and control escapes). */
export function decodeAnsiC(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs,
    (match, escape: string) => {
      const head = escape[0] ?? '';
      if (head === 'x' || head === 'u' || head === 'U') {
        const code = Number.parseInt(escape.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : match;
      }
      if (/^[0-7]/.test(escape)) return String.fromCodePoint(Number.parseInt(escape, 8) & 0xff);
      if (head === 'c' && escape.length === 2) return String.fromCharCode(escape.charCodeAt(1) & 0x1f);
      return simpleEscapes[escape] ?? match;
    },
  );
}

function doubleQuotedValue(node: Node, offset: number): ShellWord {
  const parts = node.namedChildren.filter((child) => child !== null);
  if (parts.some((child) => child.type !== 'string_content')) {
    return { value: node.text, dynamic: true, ansiC: false, unquoted: '\0' };
  }
  const inner = node.text.slice(offset + 1, -1);
  return { value: inner.replace(/\\([$`"\\\n])/g, '$1'), dynamic: false, ansiC: false, unquoted: '\0' };
}

/**
 * The value of a word-like node. Expansions are not evaluated: a word holding one is marked
 * dynamic and keeps its raw text, so no rule can mistake it for a literal.
 */
export function wordValue(node: Node): ShellWord {
  switch (node.type) {
    case 'word':
      return {
        value: node.text.replace(/\\(.)/gs, '$1'),
        dynamic: false,
        ansiC: false,
        unquoted: node.text.replace(/\\./gs, '\0'),
      };
    case 'number':
    case 'variable_name':
    case 'test_operator':
      return { value: node.text, dynamic: false, ansiC: false, unquoted: node.text };
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false, ansiC: false, unquoted: '\0' };
    case 'string':
      return doubleQuotedValue(node, 0);
    case 'translated_string':
      return doubleQuotedValue(node, 1);
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false, ansiC: true, unquoted: '\0' };
    case 'concatenation': {
      const parts = node.children.filter((child) => child !== null).map(wordValue);
      return {
        value: parts.map((part) => part.value).join(''),
        dynamic: parts.some((part) => part.dynamic),
        ansiC: parts.some((part) => part.ansiC),
        unquoted: parts.map((part) => part.unquoted).join(''),
      };
    }
    case 'brace_expression':
      return { value: node.text, dynamic: false, ansiC: false, unquoted: node.text };
    default:
      return { value: node.text, dynamic: true, ansiC: false, unquoted: '\0' };
  }
}

/**
 * Removes backslash-newline pairs outside single quotes, as bash does before splitting words, so
 * `git st\⏎atus` is read as `git status`.
 */
export function joinContinuationLines(command: string): string {
  if (!command.includes('\\\n')) return command;
  let result = '';
  let inSingle = false;
  let inDouble = false;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] ?? '';
    if (inSingle) {
      if (char === "'") inSingle = false;
      result += char;
      continue;
    }
    if (char === '\\') {
      const next = command[index + 1] ?? '';
      index++;
      if (next !== '\n') result += char + next;
      continue;
    }
    if (char === "'" && !inDouble) inSingle = true;
    if (char === '"') inDouble = !inDouble;
    result += char;
  }
  return result;
}
