// Builds the bundle before any test runs, so end-to-end tests exercise the current sources.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/build.mjs')], {
    stdio: 'inherit',
  });
}
