// `npm run schemas`: writes the JSON Schemas of scripts/json-schemas/json-schema-files.ts, formatted
// as Prettier would, so `npm run check` accepts them as they are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { jsonSchemaFiles } from './json-schemas/json-schema-files';

const root = join(__dirname, '..');

async function main(): Promise<void> {
  for (const [path, generate] of Object.entries(jsonSchemaFiles)) {
    const target = join(root, path);
    const options = (await resolveConfig(target)) ?? {};
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await format(JSON.stringify(generate()), { ...options, filepath: target }));
    console.log(`[schemas] wrote ${path}`);
  }
}

void main();
