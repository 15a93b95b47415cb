/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel } from '../panel-context';
import { linkCommand } from './link-command';

/**
 * A link from model text. It opens through the host (a web page in the browser, a workspace file
 * in the editor), never by navigating the panel; a link that may not open shows as its label.
 */
export function MarkdownLink({ href, children }: { href: string; children: ReactNode }): ReactNode {
  const { post } = usePanel();
  const command = linkCommand(href);
  if (command === null) return children;
  return (
    <a
      href={href}
      title={command.type === WebviewMessageType.OpenFileCommand ? `Open ${command.path}` : href}
      onClick={(event) => {
        event.preventDefault();
        post(command);
      }}
    >
      {children}
    </a>
  );
}
