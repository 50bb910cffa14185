// The JSON export: a documented, versioned shape carrying everything in the session files and
// records, with a JSON Schema generated from the same zod types.
import { z } from 'zod';
import { jsonSchemaOf } from '../bank/json-schema.js';
import { AccountRecordSchema } from '../model/records.js';
import { SessionSchema } from '../model/session-schema.js';

export const EXPORT_FORMAT = 1;

export const ExportedAccountSchema = z.strictObject({
  name: z.string(),
  slug: z.string(),
  sessions: z.array(SessionSchema),
  records: z.array(AccountRecordSchema),
});

export const ExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  exported: z.iso.datetime().optional(),
  accounts: z.array(ExportedAccountSchema),
});

export type ExportDocument = z.infer<typeof ExportSchema>;
export type ExportedAccount = z.infer<typeof ExportedAccountSchema>;

export function exportJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(ExportSchema, {
    file: 'export.schema.json',
    title: 'journey export (format 1)',
    description: 'Accounts with every session and record, as `journey export --format json` writes them.',
    io: 'output',
  });
}

export function exportText(accounts: ExportedAccount[], stamp?: Date): string {
  const doc: ExportDocument = {
    format: EXPORT_FORMAT,
    ...(stamp ? { exported: stamp.toISOString() } : {}),
    accounts,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
