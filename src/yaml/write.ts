// Writing YAML the way journey writes every file: a comment line saying what it is, then the data,
// with no line wrapping (so a long answer stays one line) and no anchors.
import { READ_AS_NUMBER, withHeader, writePlainYaml } from './plain-write.js';

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
  const text = writePlainYaml(value) ?? packageYaml(value, blockQuote);
  return withHeader(header, text);
}

/**
 * The package's text (no line wrapping, no anchors), with the texts journey's reader would take for
 * numbers in double quotes; the plain writer gives the same text for the values it writes.
 */
export function packageYaml(value: unknown, blockQuote: boolean): string {
  const { Document, visit } = yaml();
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && READ_AS_NUMBER.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, blockQuote });
}
