import type { Root } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

/**
 * The languages models write most, chosen for size: each grammar costs 0.2–14 KiB minified. The
 * TypeScript grammar also colours JavaScript and the C++ one C, which saves two near-duplicates;
 * `ini` covers TOML and `xml` HTML and SVG. Names and common aliases (`ts`, `py`, `sh`, `yml`,
 * `html`, `patch`, …) come with the grammars.
 */
const lowlight = createLowlight({
  bash,
  cpp,
  csharp,
  css,
  diff,
  go,
  ini,
  java,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
});
lowlight.registerAlias({ typescript: ['javascript', 'js', 'jsx', 'mjs', 'cjs'], cpp: ['c', 'h'] });

/** Above this size colouring is skipped: a plain block is cheaper than a stalled frame. */
export const maxHighlightChars = 20_000;

/**
 * The code as a highlight.js syntax tree (spans with `hljs-*` classes around text), or null when
 * it stays plain: an unknown or missing language (no guessing, which is slow and often wrong), or
 * code above {@link maxHighlightChars}. The tree's text concatenates back to `code` exactly.
 */
export function highlightCode(code: string, language: string): Root | null {
  if (code.length > maxHighlightChars || language === '' || !lowlight.registered(language)) return null;
  return lowlight.highlight(language, code);
}
