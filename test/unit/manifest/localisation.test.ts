import { strict as assert } from 'node:assert';
import { readRepositoryJson, stringsIn } from './read-manifest';

const manifest = readRepositoryJson('package.json');
const messages = readRepositoryJson('package.nls.json') as Record<string, unknown>;

/** Manifest keys whose strings a person reads in the editor or the Marketplace. */
const userFacingKeys = new Set([
  'displayName',
  'description',
  'markdownDescription',
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'label',
  'altText',
  'contents',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
]);

/** The parts of the manifest VS Code localises (the rest is npm's: scripts, dependencies, …). */
function localisableStrings(): Array<{ path: string[]; value: string }> {
  const { displayName, description, contributes, capabilities } = manifest as Record<string, unknown>;
  return stringsIn({ displayName, description, contributes, capabilities });
}

/** `…title`, or an item of `…enumDescriptions`. */
function isUserFacing(path: readonly string[]): boolean {
  const last = path.at(-1) ?? '';
  const key = /^\d+$/.test(last) ? (path.at(-2) ?? '') : last;
  return userFacingKeys.has(key);
}

const placeholder = /^%([^%]+)%$/;

describe('package.nls.json', () => {
  it('leaves no user-facing contributed string literal in package.json', () => {
    const literal = localisableStrings()
      .filter(({ path }) => isUserFacing(path))
      .filter(({ value }) => !placeholder.test(value))
      .map(({ path, value }) => `${path.join('.')}: ${value}`);
    assert.deepEqual(literal, []);
  });

  it('has a message for every %key% in package.json', () => {
    const keys = stringsIn(manifest).flatMap(({ value }) => placeholder.exec(value)?.[1] ?? []);
    assert.ok(keys.length > 40, `only ${keys.length} placeholders found`);
    const missing = keys.filter((key) => typeof messages[key] !== 'string' || messages[key] === '');
    assert.deepEqual(missing, []);
  });

  it('has no message that package.json does not use', () => {
    const used = new Set(stringsIn(manifest).flatMap(({ value }) => placeholder.exec(value)?.[1] ?? []));
    assert.deepEqual(
      Object.keys(messages).filter((key) => !used.has(key)),
      [],
    );
  });
});
