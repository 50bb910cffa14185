// Writing YAML the way journey writes every file: a comment line saying what it is, then the data,
// with no line wrapping (so a long answer stays one line) and no anchors.
import { writePlainYaml } from './plain-write.js';

type YamlPackage = typeof import('yaml');
let yamlPackage: YamlPackage | undefined;

/** The `yaml` package, set up when a file is first written (a run that only reads never is). */
function yaml(): YamlPackage {
  yamlPackage ??= require('yaml') as YamlPackage;
  return yamlPackage;
}

export function toYaml(value: unknown, header?: string, options: { blockScalars?: boolean } = {}): string {
  const blockQuote = options.blockScalars ?? true;
  // The plain shape is written without the package (the same text); anything else by the package.
  const text =
    writePlainYaml(value) ??
    yaml().stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, blockQuote });
  return header ? `# ${header}\n${text}` : text;
}
