/** `npm run events:schemas`: writes the JSON Schema of every domain event under docs/events/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { jsonSchemas } from '../amplify/events/json-schemas';

for (const { file, text } of jsonSchemas()) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
