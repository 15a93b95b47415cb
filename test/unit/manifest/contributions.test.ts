import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectAt, objectsAt, readRepositoryJson, repositoryRoot, stringsIn, valueAt } from './read-manifest';

const manifest = readRepositoryJson('package.json');
const messages = readRepositoryJson('package.nls.json') as Record<string, string>;
const contributed = new Set(
  objectsAt(manifest, 'contributes', 'commands').map((command) => command['command']),
);
const settings = objectAt(manifest, 'contributes', 'configuration', 'properties');

describe('package.json contributions', () => {
  it('names only contributed commands in menus and keybindings', () => {
    const menus = Object.values(objectAt(manifest, 'contributes', 'menus')).flatMap((items) =>
      Array.isArray(items) ? items : [],
    );
    const used = [...menus, ...objectsAt(manifest, 'contributes', 'keybindings')].map(
      (item: { command?: unknown }) => item.command,
    );
    assert.deepEqual(
      used.filter((command) => !contributed.has(command)),
      [],
    );
  });

  it('shows Stop only while a chat runs', () => {
    const stopMenus = Object.entries(objectAt(manifest, 'contributes', 'menus')).flatMap(([menu, items]) =>
      (Array.isArray(items) ? (items as Array<{ command?: unknown; when?: unknown }>) : [])
        .filter((item) => item.command === 'tandem.stop')
        .map((item) => [menu, item.when]),
    );
    assert.deepEqual(stopMenus, [
      ['view/title', 'view == tandem.chat && tandem.busy'],
      ['commandPalette', 'tandem.busy'],
    ]);
  });

  it('gives every setting a description, an order and a scope, and links only to real settings', () => {
    const names = Object.keys(settings);
    assert.ok(names.length > 0);
    for (const [name, setting] of Object.entries(settings)) {
      const { markdownDescription, order, scope } = setting as Record<string, unknown>;
      assert.match(String(markdownDescription), /^%.+%$/, `${name} has a markdownDescription`);
      assert.equal(typeof order, 'number', `${name} has an order`);
      assert.ok(
        ['application', 'machine', 'machine-overridable', 'window', 'resource'].includes(String(scope)),
      );
    }
    const links = Object.values(messages).flatMap((text) =>
      [...text.matchAll(/#(tandem\.[\w.]+)#/g)].map((m) => m[1]),
    );
    assert.ok(links.length > 0);
    assert.deepEqual(
      links.filter((link) => link === undefined || !names.includes(link)),
      [],
    );
  });

  it('links only to contributed Tandem commands from walkthrough text', () => {
    const links = Object.values(messages).flatMap((text) =>
      [...text.matchAll(/\(command:(tandem\.[\w.]+)/g)].map((match) => match[1]),
    );
    assert.ok(links.length >= 3);
    assert.deepEqual(
      links.filter((link) => !contributed.has(link)),
      [],
    );
  });

  it('writes walkthrough text without markdown the Welcome page shows literally (only links render)', () => {
    const walkthroughs = objectsAt(manifest, 'contributes', 'walkthroughs');
    const texts = stringsIn(walkthroughs)
      .filter(({ path }) => ['title', 'description'].includes(path.at(-1) ?? ''))
      .map(({ value }) => messages[value.replace(/^%|%$/g, '')] ?? value);
    assert.ok(texts.length > 5);
    assert.deepEqual(
      texts.filter((text) => /`|\*\*|^#/m.test(text)),
      [],
    );
  });

  it('ships every file the manifest points at', () => {
    const files = stringsIn(objectAt(manifest, 'contributes'))
      .filter(({ path }) => ['markdown', 'image', 'icon', 'url', 'path'].includes(path.at(-1) ?? ''))
      .map(({ value }) => value)
      .filter((value) => !value.startsWith('$(') && !/^https?:/.test(value))
      .concat(String(valueAt(manifest, 'icon')));
    assert.ok(files.length > 0);
    assert.deepEqual(
      files.filter((file) => !existsSync(join(repositoryRoot, file))),
      [],
    );
  });

  it('has a square PNG icon of at least 128 pixels, as the Marketplace requires', () => {
    const png = readFileSync(join(repositoryRoot, String(valueAt(manifest, 'icon'))));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(width, height);
    assert.ok(width >= 128, `${width} px`);
  });
});
