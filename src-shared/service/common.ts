import { z } from 'zod';
import { named } from './registry';
import { UNIT_NUMBER_PATTERN } from './unit-number';

/** The roles a person can hold in a unit (DESIGN.md, "Who uses it"). */
export const roles = ['orderer', 'receiver', 'commander'] as const;
export const RoleSchema = named('Role', z.enum(roles));
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.uuid();

/** A detached CMS signature (DER) in base64, as it travels inside JSON; 128 KiB of text is far above any real one. */
export const CmsBase64Schema = z
  .string()
  .min(1)
  .max(128 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/u);

/** One signer's incremental PDF signature of a document's rendition in each language (src-shared/node/pdf). */
export const PdfSignaturesSchema = z.object({ uk: CmsBase64Schema, en: CmsBase64Schema }).strict();
/** Timestamps on the wire: ISO 8601 in UTC, as `Date.prototype.toISOString` writes them. */
export const TimestampSchema = z.iso.datetime();

/** Lower-case Latin login names; case is folded on login, so the pattern is checked after folding. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/u;
export const UsernameSchema = z.string().regex(USERNAME_PATTERN);

export const UnitNumberSchema = z.string().regex(UNIT_NUMBER_PATTERN);
/** Priority tier the agency assigns to a unit (1 = highest). */
export const UnitTierSchema = z.number().int().min(1).max(5);

export const UnitSummarySchema = named(
  'UnitSummary',
  z
    .object({
      id: IdSchema,
      name: z.string(),
      number: UnitNumberSchema,
      tier: UnitTierSchema,
    })
    .strict(),
);
export type UnitSummary = z.infer<typeof UnitSummarySchema>;

export const PersonSummarySchema = named(
  'PersonSummary',
  z
    .object({
      id: IdSchema,
      username: UsernameSchema,
      fullName: z.string(),
      roles: z.array(RoleSchema).min(1),
      unit: UnitSummarySchema,
    })
    .strict(),
);
export type PersonSummary = z.infer<typeof PersonSummarySchema>;

/** Exactly what the client must put in its CSR's subject (see src-shared/node/identity.ts). */
export const CsrSubjectSchema = named(
  'CsrSubject',
  z.object({ commonName: z.string(), uid: UsernameSchema }).strict(),
  'The CSR subject must be exactly CN=<commonName>, UID=<uid>; anything else is refused.',
);
export type CsrSubject = z.infer<typeof CsrSubjectSchema>;
