// Writing YAML the way journey writes every file: a comment line saying what it is, then the data,
// with no line wrapping (so a long answer stays one line) and no anchors.
import { stringify } from 'yaml';

export function toYaml(value: unknown, header?: string, options: { blockScalars?: boolean } = {}): string {
  const blockQuote = options.blockScalars ?? true;
  const text = stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, blockQuote });
  return header ? `# ${header}\n${text}` : text;
}
