import { WebviewMessageType } from '../../../src/protocol/message-type';
import type { OpenFileCommand, OpenLinkCommand } from '../../../src/protocol/webview-commands';

const scheme = /^[a-z][a-z\d+.-]*:/i;

/**
 * What clicking a link in model text asks of the host, or null when the link must not open:
 * - an absolute http(s) URL opens in the browser;
 * - a relative or absolute path (`src/a.ts`, `src/a.ts#L42`) opens that file, at the line of a
 *   GitHub-style `#L42` fragment; the host refuses paths outside the workspace;
 * - anything else (`javascript:`, `file:`, `vscode:`, `mailto:`, `//host`, `#anchor`) is not opened.
 */
export function linkCommand(href: string): OpenLinkCommand | OpenFileCommand | null {
  if (/^https?:\/\/\S+$/i.test(href)) return { type: WebviewMessageType.OpenLinkCommand, url: href };
  if (scheme.test(href) || href.startsWith('//') || /^[#?]/.test(href)) return null;
  const [location = '', fragment = ''] = href.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(location.split('?', 1)[0] ?? '');
  } catch {
    return null;
  }
  if (path.trim() === '') return null;
  const line = /^L(\d+)/.exec(fragment)?.[1];
  return line === undefined || Number(line) < 1
    ? { type: WebviewMessageType.OpenFileCommand, path }
    : { type: WebviewMessageType.OpenFileCommand, path, line: Number(line) - 1 };
}
