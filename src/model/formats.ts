// The format numbers of the files journey writes. On their own, without the schemas, so code that
// only stamps a new session or record never loads zod.

export const SESSION_FORMAT = 1;
export const RECORD_FORMAT = 1;
