import { z } from 'zod';
import { named } from './registry';
import { CsrSubjectSchema, IdSchema, PersonSummarySchema, TimestampSchema } from './common';

/**
 * Login, device enrolment, token refresh and the device's standing.
 *
 * The flow: `login` (password + TOTP + one-time enrolment code) gives a
 * short-lived enrolment token; `enrol` with that token and a PKCS#10 CSR
 * gives the device certificate, the CA certificate, an access token and a
 * device-bound refresh token; `refresh` trades the device id and refresh
 * token for fresh tokens; every other call carries the access token.
 */

export const TotpCodeSchema = z.string().regex(/^\d{6}$/u);

/**
 * Enrolment codes are 12 Crockford base-32 symbols, printed in groups of four
 * (K7QM-3XRT-9WPA). Dashes, spaces and case are forgiven; the service
 * normalises before comparing.
 */
export const EnrolmentCodeInputSchema = z
  .string()
  .min(12)
  .max(24)
  .regex(/^[0-9A-Za-z\s-]+$/u);

export const LoginRequestSchema = named(
  'LoginRequest',
  z
    .object({
      username: z.string().min(1).max(64),
      password: z.string().min(1).max(256),
      totp: TotpCodeSchema,
      enrolmentCode: EnrolmentCodeInputSchema,
    })
    .strict(),
);
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = named(
  'LoginResponse',
  z
    .object({
      enrolmentToken: z.string(),
      enrolmentTokenExpiresAt: TimestampSchema,
      person: PersonSummarySchema,
      csrSubject: CsrSubjectSchema,
      /** RSA modulus sizes the CA accepts in a CSR. */
      acceptedKeyBits: z.array(z.number().int()),
    })
    .strict(),
);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** PEM text of a PKCS#10 request; the size cap keeps parsing cheap. */
export const CsrPemSchema = z.string().min(1).max(16_384);

export const EnrolRequestSchema = named('EnrolRequest', z.object({ csr: CsrPemSchema }).strict());
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const TokenGrantSchema = named(
  'TokenGrant',
  z
    .object({
      accessToken: z.string(),
      accessTokenExpiresAt: TimestampSchema,
      refreshToken: z.string(),
      refreshTokenExpiresAt: TimestampSchema,
    })
    .strict(),
);
export type TokenGrant = z.infer<typeof TokenGrantSchema>;

export const DeviceSummarySchema = named(
  'DeviceSummary',
  z
    .object({
      id: IdSchema,
      certificateSerial: z.string().regex(/^[0-9a-f]+$/u),
      notBefore: TimestampSchema,
      notAfter: TimestampSchema,
      enrolledAt: TimestampSchema,
    })
    .strict(),
);
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

export const EnrolResponseSchema = named(
  'EnrolResponse',
  z
    .object({
      device: DeviceSummarySchema,
      person: PersonSummarySchema,
      /** PEM of the device certificate the CA issued. */
      certificate: z.string(),
      /** PEM of the CA's root certificate, to verify signatures offline. */
      caCertificate: z.string(),
      tokens: TokenGrantSchema,
    })
    .strict(),
);
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

export const RefreshRequestSchema = named(
  'RefreshRequest',
  z.object({ deviceId: IdSchema, refreshToken: z.string().min(1).max(512) }).strict(),
);
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const RefreshResponseSchema = named('RefreshResponse', z.object({ tokens: TokenGrantSchema }).strict());
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;

export const MeResponseSchema = named(
  'MeResponse',
  z
    .object({
      person: PersonSummarySchema,
      device: DeviceSummarySchema,
      /** The service's clock, so the client can judge its own skew. */
      serverTime: TimestampSchema,
    })
    .strict(),
);
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const LogoutResponseSchema = named(
  'LogoutResponse',
  z.object({ deviceId: IdSchema, revokedAt: TimestampSchema }).strict(),
);
export type LogoutResponse = z.infer<typeof LogoutResponseSchema>;

export const CaResponseSchema = named(
  'CaResponse',
  z
    .object({
      caCertificate: z.string(),
      /** SHA-256 of the CA certificate's DER, lower-case hex: what an officer compares by eye. */
      fingerprintSha256: z.string().regex(/^[0-9a-f]{64}$/u),
    })
    .strict(),
);
export type CaResponse = z.infer<typeof CaResponseSchema>;

export const HealthResponseSchema = named(
  'HealthResponse',
  z.object({ status: z.literal('ok'), service: z.string(), version: z.string(), time: TimestampSchema }).strict(),
);
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const OpenApiDocumentSchema = named(
  'OpenApiDocument',
  z.record(z.string(), z.unknown()),
  'This document (OpenAPI 3.1).',
);
