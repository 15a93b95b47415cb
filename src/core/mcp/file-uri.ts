/**
 * A `file://` URI for an absolute path (POSIX or Windows), for `roots/list`. Pure: no `node:url`
 * in the core. Each path segment is percent-encoded, so spaces and `#` survive.
 */
export function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const withRoot = /^[A-Za-z]:\//.test(slashed) ? `/${slashed}` : slashed;
  const encoded = withRoot
    .split('/')
    .map((segment, index) =>
      index === 1 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment),
    )
    .join('/');
  return `file://${encoded}`;
}

/**
 * The path of a `file://` URI, percent-decoded (`file:///C:/x` → `C:/x`); a value that is not a
 * file URI is returned as it is, since the IDE protocol also sends raw paths.
 */
export function pathFromFileUri(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  const path = uri.slice('file://'.length).replace(/^[^/]*(?=\/)/, '');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return /^\/[A-Za-z]:\//.test(decoded) ? decoded.slice(1) : decoded;
}
