// The bank format as a JSON Schema, generated from the zod schema (the one source of truth), for
// editors: with it, trainers get completion and inline errors as they type.
import { z } from 'zod';
import { BankSchema } from './schema.js';

export function bankJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BankSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: 'https://journey.local/schema/bank.schema.json',
    title: 'journey question bank (format 1)',
    description: 'A question bank for one loop of the buying journey: questions, rules and examples.',
    ...schema,
  };
}
