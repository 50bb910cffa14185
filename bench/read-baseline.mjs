// The baseline for the export benchmark: only read and parse every session file of a data folder
// (with the same YAML parser journey uses for clean files), doing nothing with them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

const root = join(process.argv[2], 'accounts');
let count = 0;
for (const slug of readdirSync(root)) {
  for (const name of readdirSync(join(root, slug))) {
    if (!name.endsWith('.yaml')) continue;
    load(readFileSync(join(root, slug, name), 'utf8'), { schema: CORE_SCHEMA });
    count++;
  }
}
if (count === 0) throw new Error('no sessions read');
