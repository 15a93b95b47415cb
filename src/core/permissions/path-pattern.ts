import { normalizePath } from './path-checks';

/** Where a rule's relative paths are anchored. */
export interface PathAnchors {
  cwd: string;
  home: string;
  /** The folder a `/x` pattern is relative to (the settings file's project or config folder). */
  root: string;
}

/**
 * Turns a glob into a RegExp over absolute POSIX paths: `*` within a segment, `**` across segments,
 * `?` one character, `[…]` a class. Everything else is literal.
 */
export function globToRegExp(glob: string, caseInsensitive = false): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] ?? '';
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const slashAfter = glob[index + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        index += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) source += '\\[';
      else {
        const body = glob
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/[\\\]]/g, '\\$&');
        source += `[${body}]`;
        index = close;
      }
    } else source += char.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

/**
 * Anchors a gitignore-style rule pattern to an absolute glob: `//x` absolute, `~/x` home, `/x` the
 * rule's root, `./x` the working directory. A bare pattern with no slash (`.env`, `*.pem`) matches
 * at any depth below the working directory; other bare patterns (`src/**`) are anchored there for
 * allow rules, while deny/ask rules (`broad`) match them at any depth, as Claude Code does.
 */
export function anchorPathPattern(pattern: string, anchors: PathAnchors, broad: boolean): string {
  let body = pattern.replace(/\\/g, '/');
  if (body.endsWith('/')) body += '**';
  if (body.startsWith('//')) return normalizeGlob(body.slice(1));
  if (body === '~' || body.startsWith('~/')) return normalizeGlob(`${anchors.home}/${body.slice(2)}`);
  if (body.startsWith('/')) return normalizeGlob(`${anchors.root}${body}`);
  if (body.startsWith('./')) return normalizeGlob(`${anchors.cwd}/${body.slice(2)}`);
  if (!body.includes('/') || broad) return normalizeGlob(`${anchors.cwd}/**/${body}`);
  return normalizeGlob(`${anchors.cwd}/${body}`);
}

function normalizeGlob(glob: string): string {
  const trailing = glob.endsWith('/**') ? '/**' : '';
  const head = trailing ? glob.slice(0, -3) : glob;
  const normalized = normalizePath(head);
  return `${normalized === '/' ? '' : normalized}${trailing}` || '/';
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
