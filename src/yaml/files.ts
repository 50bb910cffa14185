// The YAML files of a folder: what every folder journey reads (banks, sessions, records) holds.
import { readdirSync } from 'node:fs';

/**
 * Names of the YAML files in a folder, sorted, without hidden files; none when the folder is missing.
 * Banks may be `.yml` too (`yml: true`); journey writes only `.yaml`.
 */
export function yamlFileNames(dir: string, options: { yml?: boolean } = {}): string[] {
  const pattern = options.yml ? /\.ya?ml$/ : /\.yaml$/;
  try {
    return readdirSync(dir)
      .filter((n) => pattern.test(n) && !n.startsWith('.'))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
