/**
 * Migration 2: `record_version`, the record's version as `recordVersion` (src/sinks/version.ts)
 * computes it, the one rule shared with the JSONL sink, the webhook's Idempotency-Key and
 * `retag`. The upsert compares it instead of the content hash and the jsonb topics. Rows
 * written before this migration have NULL there; for them the upsert falls back to the old
 * comparison (content hash, jsonb topics: equal in value whatever the key order), so the
 * migration bumps no version by itself.
 */
export const version = 2;
export const name = 'record-version';
export const sql = `
ALTER TABLE {{table}} ADD COLUMN IF NOT EXISTS record_version text;
`;
