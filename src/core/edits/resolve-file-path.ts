/** The `file_path` argument of the file tools: it must be absolute; relative paths get a hint. */
import { isAbsolutePath, normalizePath } from '../paths/normalize-path';
import { resolvePath } from '../paths/resolve-path';

/**
 * Checks that a model-given `file_path` is absolute and normalises it. The error names the
 * absolute path the model probably meant.
 */
export function requireAbsolutePath(
  path: string,
  cwd: string,
): { ok: true; path: string } | { ok: false; message: string } {
  if (isAbsolutePath(path)) return { ok: true, path: normalizePath(path) };
  return {
    ok: false,
    message: `file_path must be absolute, but "${path}" is relative. Did you mean "${resolvePath(cwd, path)}"?`,
  };
}

/** The permission target of a `file_path` tool: the normalised absolute path, or none when it is relative. */
export function filePathTarget<Input extends { file_path: string }>(
  input: Input,
  context: { cwd: string },
): string | undefined {
  const resolved = requireAbsolutePath(input.file_path, context.cwd);
  return resolved.ok ? resolved.path : undefined;
}
