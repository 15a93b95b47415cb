/** Inline markdown. Links carry only http(s) targets; anything else stays text. */
export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: InlineNode[] }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'link'; href: string; children: InlineNode[] }
  | { type: 'break' };

/** True for absolute http(s) URLs, the only links the panel will open. */
export function isSafeHref(href: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(href);
}

function pushText(nodes: InlineNode[], text: string): void {
  if (text === '') return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

type Rule = (text: string, index: number, nodes: InlineNode[]) => number;

const codeSpan: Rule = (text, index, nodes) => {
  const ticks = /^`+/.exec(text.slice(index))?.[0] ?? '`';
  const close = text.indexOf(ticks, index + ticks.length);
  if (close === -1) return -1;
  nodes.push({ type: 'code', text: text.slice(index + ticks.length, close).trim() });
  return close + ticks.length;
};

function findClose(text: string, marker: string, from: number): number {
  const char = marker[0] ?? '*';
  for (let close = text.indexOf(marker, from); close !== -1; close = text.indexOf(marker, close + 1)) {
    const spaced = /\s/.test(text[close - 1] ?? ' ');
    const single = marker.length === 1 && (text[close + 1] === char || text[close - 1] === char);
    if (!spaced && !single) return close;
  }
  return -1;
}

const emphasis: Rule = (text, index, nodes) => {
  const char = text[index] ?? '*';
  const marker = text[index + 1] === char ? char + char : char;
  const start = index + marker.length;
  if (/\s/.test(text[start] ?? ' ')) return -1;
  if (char === '_' && /\w/.test(text[index - 1] ?? ' ')) return -1;
  const close = findClose(text, marker, start + 1);
  if (close === -1) return -1;
  const children = parseInline(text.slice(start, close));
  nodes.push(marker.length === 2 ? { type: 'strong', children } : { type: 'em', children });
  return close + marker.length;
};

const link: Rule = (text, index, nodes) => {
  const labelEnd = text.indexOf('](', index);
  if (labelEnd === -1 || text.slice(index + 1, labelEnd).includes('\n')) return -1;
  const urlEnd = text.indexOf(')', labelEnd + 2);
  if (urlEnd === -1) return -1;
  const href =
    text
      .slice(labelEnd + 2, urlEnd)
      .trim()
      .split(/\s+/)[0] ?? '';
  const children = parseInline(text.slice(index + 1, labelEnd));
  if (isSafeHref(href)) nodes.push({ type: 'link', href, children });
  else nodes.push(...children);
  return urlEnd + 1;
};

const rules: Record<string, Rule> = { '`': codeSpan, '*': emphasis, _: emphasis, '[': link };

/**
 * Parses inline markdown into nodes. Raw HTML is not interpreted: `<img onerror=…>` stays text.
 * Unmatched markers are kept as text, so half-streamed input renders sensibly.
 */
export function parseInline(text: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let plainStart = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\\' && index + 1 < text.length && /[\\`*_[\]()#+\-.!>]/.test(text[index + 1] ?? '')) {
      pushText(nodes, text.slice(plainStart, index));
      pushText(nodes, text[index + 1] ?? '');
      index += 2;
      plainStart = index;
      continue;
    }
    if (char === '\n') {
      pushText(nodes, text.slice(plainStart, index));
      nodes.push({ type: 'break' });
      index += 1;
      plainStart = index;
      continue;
    }
    const rule = rules[char];
    if (rule !== undefined) {
      const before = nodes.length;
      const pending = text.slice(plainStart, index);
      const end = rule(text, index, nodes);
      if (end !== -1) {
        nodes.splice(before, 0, ...(pending === '' ? [] : [{ type: 'text' as const, text: pending }]));
        index = end;
        plainStart = index;
        continue;
      }
    }
    index += 1;
  }
  pushText(nodes, text.slice(plainStart));
  return nodes;
}
