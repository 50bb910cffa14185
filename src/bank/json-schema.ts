// File formats as JSON Schemas, generated from their zod schemas (the one source of truth): for
// editors (banks) and for scripts (exports).
import { z } from 'zod';
import { BankSchema } from './schema.js';

export interface SchemaHeading {
  file: string;
  title: string;
  description: string;
  /** Describe what is read (input: defaults optional) or what is written (output). */
  io: 'input' | 'output';
}

export function jsonSchemaOf(schema: z.ZodType, heading: SchemaHeading): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: heading.io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: generated.$schema,
    $id: `https://journey.local/schema/${heading.file}`,
    title: heading.title,
    description: heading.description,
    ...generated,
  };
}

export function bankJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(BankSchema, {
    file: 'bank.schema.json',
    title: 'journey question bank (format 1)',
    description: 'A question bank for one loop of the buying journey: questions, rules and examples.',
    io: 'input',
  });
}
