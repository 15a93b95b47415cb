/**
 * Which paths hold secrets or steer tools, for the permission checks. Paths are in the POSIX form
 * of `toPosixPath`; matching is on segments, so it works under any root.
 */

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
