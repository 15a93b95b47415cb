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
 * Adds a permission rule to a settings file ("allow always"), keeping every other key as it was.
 * A file that is not valid JSON is left untouched and reported: losing someone's settings to fix
 * one rule would be worse than asking again. Written atomically (temp file + rename).
 */
export async function addPermissionRule(
  path: string,
  behavior: 'allow' | 'ask' | 'deny',
  rule: string,
): Promise<SettingsWriteResult> {
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
      return { ok: false, message: `${path} is not valid JSON (${String(error)}); the rule was not saved.` };
    }
  }
  const parsed = editableSettingsSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, message: `${path} has an unexpected shape; the rule was not saved.` };
  const settings = parsed.data;
  const permissions = settings.permissions ?? {};
  const list = permissions[behavior] ?? [];
  if (list.includes(rule)) return { ok: true, added: false };
  const next = { ...settings, permissions: { ...permissions, [behavior]: [...list, rule] } };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
  return { ok: true, added: true };
}
