/** @jsxRuntime automatic */
import { type ReactNode, useMemo, useState } from 'react';
import { highlightCode } from './highlight-code';
import { renderHast } from './render-hast';

/** A fenced code block, coloured by highlight.js, with a Copy button (clipboard is local, no host round trip). */
export function CodeBlock({ code, language }: { code: string; language: string }): ReactNode {
  const content = useMemo(() => {
    const tree = highlightCode(code, language);
    return tree === null ? code : renderHast(tree.children);
  }, [code, language]);
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language}</span>
        <button type="button" className="icon-button" onClick={copy} aria-label="Copy" title="Copy">
          <span className={`codicon ${copied ? 'codicon-check' : 'codicon-copy'}`} aria-hidden="true" />
        </button>
      </div>
      <pre>
        <code>{content}</code>
      </pre>
    </div>
  );
}
