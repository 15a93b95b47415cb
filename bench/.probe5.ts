import { bashTool, createEngine } from '../test/unit/core/permissions/engine-fixtures';
import corpus from '../test/fixtures/permissions/hostile-commands.json';
async function main() {
  const { engine, context } = await createEngine(corpus.ruleSets.generous);
  for (const command of process.argv.slice(2)) console.log(command, JSON.stringify(await engine.decide(bashTool, { command }, context)));
}
void main();
