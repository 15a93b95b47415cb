/** A token with the tokens between its `*_open` and `*_close`; self-contained tokens have none. */
export interface TokenNode<T> {
  token: T;
  children: TokenNode<T>[];
}

/**
 * Turns markdown-it's flat token stream (block tokens, or an inline token's children) into a tree.
 * Closing tokens are dropped; one without an opener is ignored, so a cut stream still nests.
 */
export function nestTokens<T extends { nesting: number }>(tokens: readonly T[]): TokenNode<T>[] {
  const root: TokenNode<T>[] = [];
  const open: TokenNode<T>[][] = [root];
  for (const token of tokens) {
    if (token.nesting === -1) {
      if (open.length > 1) open.pop();
      continue;
    }
    const node: TokenNode<T> = { token, children: [] };
    (open.at(-1) ?? root).push(node);
    if (token.nesting === 1) open.push(node.children);
  }
  return root;
}
