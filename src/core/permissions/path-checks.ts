/**
 * Pure path helpers for permission checks. Paths are POSIX-style strings; Windows drive paths are
 * normalised to forward slashes before they reach here. No I/O: symlinks are resolved by the caller
 * through Workspace.realPath.
 */

/** Collapses `.`, `..` and repeated slashes in an absolute path; never climbs above `/`. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return (absolute ? '/' : '') + segments.join('/');
}

/** Makes `path` absolute: `~` and `~/x` against `home`, relative paths against `cwd`; then normalises. */
export function resolvePath(path: string, options: { cwd: string; home: string }): string {
  const slashed = path.replace(/\\/g, '/');
  if (slashed === '~') return normalizePath(options.home);
  if (slashed.startsWith('~/')) return normalizePath(`${options.home}/${slashed.slice(2)}`);
  if (/^[A-Za-z]:\//.test(slashed)) return normalizePath(`/${slashed[0]?.toLowerCase()}${slashed.slice(2)}`);
  if (slashed.startsWith('/')) return normalizePath(slashed);
  return normalizePath(`${options.cwd}/${slashed}`);
}

/** An absolute path in the POSIX form the checks use: `C:\\a\\b` → `/c/a/b`; then normalised. */
export function toPosixPath(path: string): string {
  return resolvePath(path, { cwd: '/', home: '/' });
}

/** True when `path` is `root` or below it. Both must be normalised; compares case-folded if asked. */
export function isInside(path: string, root: string, caseInsensitive = false): boolean {
  const target = caseInsensitive ? path.toLowerCase() : path;
  const base = caseInsensitive ? root.toLowerCase() : root;
  if (base === '/') return target.startsWith('/');
  return target === base || target.startsWith(`${base}/`);
}

/**
 * A Windows UNC path (`\\server\share`, `//server/share`, `\\?\UNC\…`). Touching one can send the
 * person's NTLM credentials to that server, so such paths are refused outright.
 */
export function isUncPath(path: string): boolean {
  return /^(\\\\|\/\/|\\\/|\/\\)[^\\/]/.test(path) || /^\\\\[?.]\\/.test(path);
}

const secretNames = [
  /^\.env$/,
  /^\.env\..+$/,
  /\.pem$/,
  /\.key$/,
  /\.p12$/,
  /\.pfx$/,
  /\.keystore$/,
  /\.jks$/,
  /^id_[a-z0-9_]+(\.pub)?$/i,
  /^\.netrc$/,
  /^_netrc$/,
  /^\.npmrc$/,
  /^\.pypirc$/,
  /^\.pgpass$/,
  /^\.git-credentials$/,
  /^\.htpasswd$/,
  /^credentials(\.json)?$/,
  /^\.?secrets?(\.(json|ya?ml|toml))?$/,
];
const secretFolders = ['.ssh', '.aws', '.gnupg', '.gcloud', '.azure', '.kube', '.password-store'];
const secretTails = [
  '.docker/config.json',
  '.config/gcloud',
  '.config/gh/hosts.yml',
  '.local/share/keyrings',
  'Library/Keychains',
];

/**
 * True when the path names something that usually holds a secret: `.env` files, keys, SSH/AWS/GPG
 * folders, credential stores. Matching is on path segments, so it works for any root.
 */
export function isSecretPath(path: string, caseInsensitive = false): boolean {
  const normalized = (caseInsensitive ? path.toLowerCase() : path).replace(/\\/g, '/');
  const segments = normalized.split('/').filter((segment) => segment !== '');
  const name = segments[segments.length - 1] ?? '';
  if (secretNames.some((pattern) => pattern.test(name))) return true;
  if (segments.some((segment) => secretFolders.includes(segment))) return true;
  const joined = `/${segments.join('/')}`;
  return secretTails.some((tail) => {
    const probe = caseInsensitive ? tail.toLowerCase() : tail;
    return joined.endsWith(`/${probe}`) || joined.includes(`/${probe}/`);
  });
}

const protectedFolders = ['.git', '.vscode', '.idea', '.claude', '.husky', '.devcontainer', '.tandem'];
const protectedNames = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.inputrc',
  '.gitconfig',
  '.gitmodules',
  '.envrc',
  '.mcp.json',
  '.claude.json',
  '.yarnrc',
  '.yarnrc.yml',
  '.pre-commit-config.yaml',
];

/**
 * True for places where a write can make code run later or change the tools' own settings:
 * `.git` (hooks, config), editor and agent settings folders, shell start-up files, `.envrc`.
 * Writes there always ask, even inside the workspace and in acceptEdits mode.
 */
export function isProtectedPath(path: string, caseInsensitive = false): boolean {
  const normalized = (caseInsensitive ? path.toLowerCase() : path).replace(/\\/g, '/');
  const segments = normalized.split('/').filter((segment) => segment !== '');
  const name = segments[segments.length - 1] ?? '';
  return protectedNames.includes(name) || segments.some((segment) => protectedFolders.includes(segment));
}
