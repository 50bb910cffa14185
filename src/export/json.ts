// The JSON export: a documented, versioned shape carrying everything in the session files and
// records, with a JSON Schema generated from the same zod types.
import { z } from 'zod';
import { jsonSchemaOf } from '../bank/json-schema.js';
import { knownOnly } from '../model/known-keys.js';
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
  return closed(
    jsonSchemaOf(ExportSchema, {
      file: 'export.schema.json',
      title: 'journey export (format 1)',
      description: 'Accounts with every session and record, as `journey export --format json` writes them.',
      io: 'output',
    }),
  ) as Record<string, unknown>;
}

/**
 * Session and record files are read loosely (keys a newer journey added are kept in the files), but
 * an export leaves such keys out (exportText): each object it writes holds the keys it documents.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const open = key === 'additionalProperties' && 'properties' in schema && isEmpty(value);
    out[key] = open ? false : closed(value);
  }
  return out;
}

const isEmpty = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

export function exportText(accounts: ExportedAccount[], stamp?: Date): string {
  const doc: ExportDocument = {
    format: EXPORT_FORMAT,
    ...(stamp ? { exported: stamp.toISOString() } : {}),
    // Keys a newer journey wrote into a file are kept there, and left out here.
    accounts: accounts.map((a) => ({
      ...a,
      sessions: a.sessions.map((s) => knownOnly(SessionSchema, s)),
      records: a.records.map((r) => knownOnly(AccountRecordSchema, r)),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
