// Zod pieces every snapshot slice shares (src/inventory/snapshot.ts and src/services/<service>/schema.ts).
import { z } from 'zod';

export const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');
export const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');
/** A policy document as AWS returned it, already URL-decoded and JSON-parsed when possible (src/policy parses it). */
export const policyDocument = z.unknown();
