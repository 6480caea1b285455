// The journal apply writes as it goes: each action's outcome, the live state it found before changing anything
// (what rollback restores), the calls it made and their answers, and the calls that undo it.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputFileError } from '../../core/errors.ts';
import { parseJsonInput, readInputFile } from '../input-file.ts';
import { apiCallSchema, findingRefSchema } from '../plan-schema.ts';

export const JOURNAL_KIND = 'rampart.journal';
export const outcomes = ['applied', 'skipped', 'failed'] as const;

const madeCallSchema = z.object({ call: apiCallSchema, output: z.record(z.string(), z.unknown()) }).strict();

export const journalEntrySchema = z
  .object({
    actionId: z.string(),
    kind: z.string(),
    title: z.string(),
    accountId: z.string(),
    region: z.string().nullable(),
    outcome: z.enum(outcomes),
    /** Why it was skipped or failed. */
    reason: z.string().nullable(),
    /** The live state read just before the change (null when it could not be read). */
    prior: z.object({ state: z.unknown(), facts: z.record(z.string(), z.unknown()).optional() }).strict().nullable(),
    made: z.array(madeCallSchema),
    /** Calls that restore `prior`; null when nothing was changed or it cannot be undone. */
    rollback: z.array(apiCallSchema).nullable(),
    /** The findings the plan says this action closes (only meaningful when applied). */
    closes: z.array(findingRefSchema),
  })
  .strict();
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const journalSchema = z
  .object({
    kind: z.literal(JOURNAL_KIND),
    schemaVersion: z.literal(1),
    mode: z.enum(['apply', 'rollback']),
    plan: z.string(),
    /** The role used in member accounts, so rollback reaches them the same way. */
    memberAccessRole: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    entries: z.array(journalEntrySchema),
  })
  .strict();
export type Journal = z.infer<typeof journalSchema>;

export async function writeJournal(file: string, journal: Journal): Promise<void> {
  await writeFile(file, `${JSON.stringify(journal, null, 2)}\n`);
}

export async function readJournal(file: string): Promise<Journal> {
  const raw = parseJsonInput(await readInputFile(file, 'journal'), file);
  const parsed = journalSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputFileError(file, `not a Rampart journal: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, { hint: 'Pass the journal `rampart harden apply` wrote (default: beside the plan, .journal.json).' });
  }
  return parsed.data;
}
