// `journey bank schema`: the bank format as a JSON Schema.
import { bankJsonSchema } from '../bank/json-schema.js';
import { output } from '../ui/output.js';

export async function bankSchema(): Promise<void> {
  output.json(bankJsonSchema());
}
