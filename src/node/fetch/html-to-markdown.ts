import TurndownService from 'turndown';

let service: TurndownService | undefined;

/**
 * Converts an HTML page to Markdown for the model: scripts, styles and page chrome that carries no
 * content are dropped; headings are `#` style and code blocks fenced. Never throws: on a converter
 * failure it returns the text with tags stripped.
 */
export function htmlToMarkdown(html: string): string {
  service ??= createService();
  try {
    return service
      .turndown(html)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch {
    return html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
}

function createService(): TurndownService {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  turndown.remove(['script', 'style', 'noscript', 'iframe', 'svg', 'canvas', 'template', 'head', 'title']);
  return turndown;
}
