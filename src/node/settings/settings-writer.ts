import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const editableSettingsSchema = z.looseObject({
  permissions: z
    .looseObject({
      allow: z.array(z.string()).optional(),
      ask: z.array(z.string()).optional(),
      deny: z.array(z.string()).optional(),
    })
    .optional(),
});

export type SettingsWriteResult = { ok: true; added: boolean } | { ok: false; message: string };

/**
 * Changes one settings file, keeping every key `update` does not touch. `update` gets the parsed
 * file (`{}` when there is none) and returns the new content, or undefined to leave the file as it
 * is. A file that is not valid JSON, or that `schema` rejects, is left untouched and reported:
 * losing someone's settings to save one answer would be worse than asking again. Written
 * atomically (temp file + rename).
 */
export async function updateSettingsFile<Settings extends Record<string, unknown>>(
  path: string,
  schema: z.ZodType<Settings>,
  update: (settings: Settings) => Settings | undefined,
): Promise<{ ok: true; changed: boolean } | { ok: false; message: string }> {
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = undefined;
  }
  let raw: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${path} is not valid JSON (${String(error)}); it was left unchanged.` };
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, message: `${path} has an unexpected shape; it was left unchanged.` };
  const next = update(parsed.data);
  if (next === undefined) return { ok: true, changed: false };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
  return { ok: true, changed: true };
}

/** Adds a permission rule to a settings file ("allow always"); see {@link updateSettingsFile}. */
export async function addPermissionRule(
  path: string,
  behavior: 'allow' | 'ask' | 'deny',
  rule: string,
): Promise<SettingsWriteResult> {
  const result = await updateSettingsFile(path, editableSettingsSchema, (settings) => {
    const permissions = settings.permissions ?? {};
    const list = permissions[behavior] ?? [];
    if (list.includes(rule)) return undefined;
    return { ...settings, permissions: { ...permissions, [behavior]: [...list, rule] } };
  });
  if (!result.ok)
    return { ok: false, message: result.message.replace('it was left unchanged', 'the rule was not saved') };
  return { ok: true, added: result.changed };
}
