/** A word after quote removal; `expands` when it holds a `$` outside single quotes. */
export interface ShellWord {
  kind: 'word';
  text: string;
  expands: boolean;
}

/** An operator: `|`, `||`, `&`, `&&`, `;`, newline, parentheses, braces are words, redirections. */
export interface ShellOperator {
  kind: 'operator';
  text: string;
}

/** What {@link tokenizeShell} produces. */
export type ShellToken = ShellWord | ShellOperator;

const operators = [
  '<<<',
  '&>>',
  '<<',
  '>>',
  '>|',
  '&>',
  '<&',
  '>&',
  '<>',
  '||',
  '&&',
  '|&',
  ';;',
  '|',
  '&',
  ';',
  '<',
  '>',
  '(',
  ')',
  '\n',
];

/**
 * Splits a shell command into words and operators, the way a conservative reader would. Returns
 * undefined for anything it will not reason about: command or process substitution (`$(…)`,
 * backticks, `<(…)`), unterminated quotes. An IO number (`2>`) is folded into its operator.
 * Pure; no expansion is performed.
 */
export function tokenizeShell(command: string): ShellToken[] | undefined {
  const tokens: ShellToken[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let expands = false;
  const endWord = () => {
    if (inWord) tokens.push({ kind: 'word', text: word, expands });
    word = '';
    inWord = false;
    quoted = false;
    expands = false;
  };
  for (let index = 0; index < command.length;) {
    const char = command[index] ?? '';
    if (char === '`') return undefined;
    if (char === '$') {
      if (command[index + 1] === '(') return undefined;
      expands = true;
    }
    if (char === '\\') {
      if (command[index + 1] === '\n') {
        index += 2;
        continue;
      }
      word += command[index + 1] ?? '';
      inWord = true;
      index += 2;
      continue;
    }
    if (char === "'") {
      const end = command.indexOf("'", index + 1);
      if (end === -1) return undefined;
      word += command.slice(index + 1, end);
      inWord = quoted = true;
      index = end + 1;
      continue;
    }
    if (char === '"') {
      const end = closingDoubleQuote(command, index + 1);
      if (end === undefined) return undefined;
      const inner = command.slice(index + 1, end);
      if (/\$\(|`/.test(inner)) return undefined;
      if (inner.includes('$')) expands = true;
      word += inner.replace(/\\(["\\$`\n])/g, '$1');
      inWord = quoted = true;
      index = end + 1;
      continue;
    }
    if (char === '#' && !inWord) {
      const newline = command.indexOf('\n', index);
      index = newline === -1 ? command.length : newline;
      continue;
    }
    if (char === ' ' || char === '\t') {
      endWord();
      index++;
      continue;
    }
    const operator = operators.find((candidate) => command.startsWith(candidate, index));
    if (operator) {
      // `2>` and `2>&1`: the digits name a file descriptor, not an argument.
      const ioNumber =
        inWord &&
        !quoted &&
        /^\d+$/.test(word) &&
        /^[<>&]/.test(operator) &&
        operator !== '&' &&
        operator !== '&&';
      if (ioNumber) {
        word = '';
        inWord = false;
      }
      endWord();
      tokens.push({ kind: 'operator', text: operator });
      index += operator.length;
      continue;
    }
    word += char;
    inWord = true;
    index++;
  }
  endWord();
  return tokens;
}

function closingDoubleQuote(command: string, from: number): number | undefined {
  for (let index = from; index < command.length; index++) {
    if (command[index] === '\\') index++;
    else if (command[index] === '"') return index;
  }
  return undefined;
}
