/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { MessageContext } from '../../../src/protocol/conversation-entry';

/** What was sent with a message besides the person's words (a problem and its code), folded. */
export function MessageContextDetails({ context }: { context: readonly MessageContext[] }): ReactNode {
  return (
    <>
      {context.map((item) => (
        <details key={item.title} className="message-context">
          <summary>
            <span className="codicon codicon-info" aria-hidden="true" /> {item.title}
          </summary>
          <pre>{item.text}</pre>
        </details>
      ))}
    </>
  );
}
