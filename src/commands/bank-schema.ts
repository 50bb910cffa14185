// `journey bank schema`: the bank format (or, with --scenario, the scenario format) as a JSON Schema.
import { bankJsonSchema } from '../bank/json-schema.js';
import { output } from '../ui/output.js';

export interface BankSchemaOptions {
  scenario: boolean;
}

export async function bankSchema(options: BankSchemaOptions = { scenario: false }): Promise<void> {
  if (!options.scenario) {
    output.json(bankJsonSchema());
    return;
  }
  const { scenarioJsonSchema } = await import('../bank/scenario.js');
  output.json(await scenarioJsonSchema());
}
