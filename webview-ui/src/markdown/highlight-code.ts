/** A coloured run of code. `plain` runs take the editor foreground. */
export interface CodeToken {
  kind: 'plain' | 'keyword' | 'string' | 'comment' | 'number';
  text: string;
}

const keywords = new Set(
  (
    'abstract as async await break case catch class const continue def default del do elif else enum export ' +
    'extends false finally fn for from func function go if impl implements import in interface let match mod ' +
    'module mut new nil none null package private protected pub public raise return self static struct super ' +
    'switch this throw throws true try type typeof undefined use var void while with yield'
  ).split(' '),
);

const hashComment = new Set([
  'python',
  'py',
  'sh',
  'bash',
  'shell',
  'zsh',
  'ruby',
  'rb',
  'yaml',
  'yml',
  'toml',
  'perl',
  'r',
  'dockerfile',
  'makefile',
]);

/** Above this size colouring is skipped: a plain block is cheaper than a stalled frame. */
export const maxHighlightChars = 20_000;

/**
 * A tiny tokenizer: comments, strings, numbers and a shared keyword list. Not a grammar; good
 * enough to read code at a glance. Tokens concatenate back to `code` exactly.
 */
export function highlightCode(code: string, language: string): CodeToken[] {
  if (code.length > maxHighlightChars) return [{ kind: 'plain', text: code }];
  const comment = hashComment.has(language) ? '#[^\\n]*' : '\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?(?:\\*\\/|$)';
  const pattern = new RegExp(
    `(${comment})|("(?:[^"\\\\\\n]|\\\\.)*"?|'(?:[^'\\\\\\n]|\\\\.)*'?|\`(?:[^\`\\\\]|\\\\.)*\`?)|(\\b\\d[\\d_]*(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b|\\b0x[\\da-f]+\\b)|([A-Za-z_$][\\w$]*)`,
    'gi',
  );
  const tokens: CodeToken[] = [];
  let last = 0;
  const push = (kind: CodeToken['kind'], text: string): void => {
    const previous = tokens[tokens.length - 1];
    if (previous !== undefined && previous.kind === kind) previous.text += text;
    else tokens.push({ kind, text });
  };
  for (const match of code.matchAll(pattern)) {
    const index = match.index;
    if (index > last) push('plain', code.slice(last, index));
    const [text, isComment, isString, isNumber, word] = match;
    if (isComment !== undefined) push('comment', text);
    else if (isString !== undefined) push('string', text);
    else if (isNumber !== undefined) push('number', text);
    else push(word !== undefined && keywords.has(word) ? 'keyword' : 'plain', text);
    last = index + text.length;
  }
  if (last < code.length) push('plain', code.slice(last));
  return tokens;
}
