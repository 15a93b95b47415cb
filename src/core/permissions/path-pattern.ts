/**
 * The path patterns of `Read(...)` and `Edit(...)` rules, in Claude Code's gitignore-style syntax
 * plus `{a,b}` alternation, matched with picomatch over absolute POSIX paths (`toPosixPath`).
 */
import picomatch from 'picomatch/posix';
import { normalizePath } from '../paths/normalize-path';

/** Where a rule's relative paths are anchored. */
export interface PathAnchors {
  cwd: string;
  home: string;
  /** The folder a `/x` pattern is relative to (the settings file's project or config folder). */
  root: string;
}

// Hidden files must match (`Read(**/*.pem)` covers `.ssh/x.pem`), and an unbalanced `{`, `[` or
// `(` is an error instead of a literal, so a typo in a deny rule is reported, not silently inert.
const globOptions = { dot: true, strictBrackets: true } as const;

/**
 * Rewrites a rule's pattern for picomatch. Backslashes are Windows separators, not escapes (rules
 * are written for both platforms). `(`, `)` and `|` are literal, as in gitignore, so
 * `app/(group)/**` names the folder and neither an extglob nor a bare `|` (which picomatch would
 * pass into its RegExp as an alternation) can hide in a rule; `[!x]` is gitignore's negated class,
 * which picomatch spells `[^x]`.
 */
function picomatchBody(pattern: string): string {
  return pattern
    .replace(/\\/g, '/')
    .replace(/\[!?\]?[^\]]*\]|[()|]/g, (part) =>
      part.startsWith('[') ? part.replace(/^\[!/, '[^') : `[${part}]`,
    );
}

/** A folder the pattern is anchored to, with every glob character made literal. */
function literal(path: string): string {
  return path.replace(/[*?[\]{}()|]/g, '[$&]');
}

/**
 * Why a rule's path pattern cannot be used, or undefined when it can: a NUL character, or braces,
 * brackets or parentheses that do not close.
 */
export function pathPatternError(pattern: string): string | undefined {
  if (pattern.includes('\0')) return 'a path pattern cannot hold a NUL character';
  try {
    picomatch.makeRe(picomatchBody(pattern), globOptions);
    return undefined;
  } catch {
    return 'a "{", "[" or "(" in the path pattern is not closed (or a "}" or "]" is not opened)';
  }
}

/**
 * Anchors a gitignore-style rule pattern to an absolute glob: `//x` absolute, `~/x` home, `/x` the
 * rule's root, `./x` the working directory. A bare pattern with no slash (`.env`, `*.pem`) matches
 * at any depth below the working directory; other bare patterns (`src/**`) are anchored there for
 * allow rules, while deny/ask rules (`broad`) match them at any depth, as Claude Code does.
 */
export function anchorPathPattern(pattern: string, anchors: PathAnchors, broad: boolean): string {
  let body = picomatchBody(pattern);
  if (body.endsWith('/')) body += '**';
  const at = (anchor: string, rest: string) => normalizeGlob(`${literal(anchor)}/${rest}`);
  if (body.startsWith('//')) return normalizeGlob(body.slice(1));
  if (body === '~' || body.startsWith('~/')) return at(anchors.home, body.slice(2));
  if (body.startsWith('/')) return at(anchors.root, body.slice(1));
  if (body.startsWith('./')) return at(anchors.cwd, body.slice(2));
  if (!body.includes('/') || broad) return at(anchors.cwd, `**/${body}`);
  return at(anchors.cwd, body);
}

function normalizeGlob(glob: string): string {
  const trailing = glob.endsWith('/**') ? '/**' : '';
  const head = trailing ? glob.slice(0, -3) : glob;
  const normalized = normalizePath(head);
  return `${normalized === '/' ? '' : normalized}${trailing}` || '/';
}

const compiled = new Map<string, RegExp>();

/** The RegExp of an anchored glob (cached); undefined when it does not compile. */
export function compilePathGlob(glob: string, caseInsensitive: boolean): RegExp | undefined {
  const key = `${caseInsensitive ? 'i' : 's'}${glob}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  let regex: RegExp;
  try {
    regex = picomatch.makeRe(glob, { ...globOptions, nocase: caseInsensitive });
  } catch {
    return undefined;
  }
  if (compiled.size > 5_000) compiled.clear();
  compiled.set(key, regex);
  return regex;
}

/**
 * True when the glob matches the path; with `parents`, also when it matches one of its folders (a
 * pattern naming a folder covers what is inside it, as in .gitignore). Allow rules pass false so
 * they never grant more than they spell out.
 */
export function matchesPathGlob(regex: RegExp, path: string, parents: boolean): boolean {
  if (!parents) return regex.test(path);
  let current = path;
  for (;;) {
    if (regex.test(current)) return true;
    const slash = current.lastIndexOf('/');
    if (slash <= 0) return false;
    current = current.slice(0, slash);
  }
}
