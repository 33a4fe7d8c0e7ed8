import { z } from 'zod';
import { named } from '../service/registry';
import { IdSchema, TimestampSchema } from '../service/common';
import { WatchNotifySchema, WatchSchema } from '../service/catalogue';
import { CertificateResultSchema, CertificateSignPayloadSchema, InvoiceResultSchema, InvoiceSignPayloadSchema } from '../service/documents';
import { OrderCancelPayloadSchema, OrderResultSchema, OrderSubmitPayloadSchema, ProposalDeclinePayloadSchema } from '../service/orders';

/**
 * `POST /v1/sync/push`: the outbox, sent as intents.
 *
 * An intent is something the officer did that only the service can make
 * true (watch a product; later submit an order, sign an invoice). The client
 * gives each one a UUID v7 when it is made and keeps it in its outbox until
 * the service has answered; it sends intents of one entity in the order they
 * were made. The service applies the intents of a request in array order,
 * each in its own transaction together with the record of its result, and
 * answers with one result per intent, in the same order:
 *
 * - `applied` with the intent's result (its shape per type is below);
 * - `rejected` with a reason: a business refusal. It is data (HTTP 200), it
 *   stays rejected if the same intent is sent again, and it never stops the
 *   intents after it. The client moves it to "needs attention".
 *
 * Exactly once: an intent id the service has seen returns the stored result
 * without applying again. The same id with a different body (type, entityId,
 * payload or signature; `createdAt` is informational and not compared) is
 * rejected with `sync.intent_conflict`, and the stored result stays.
 *
 * A failure that is not the intent's fault (5xx, a dropped connection) is
 * not a result: the client sends the same intents again, and those already
 * applied answer from the store.
 */

export const SYNC_PUSH_MAX_INTENTS = 100;
/** Request body limit of a push (413 request.too_large above it). */
export const SYNC_PUSH_MAX_BYTES = 1024 * 1024;
/** A detached CMS signature, base64 (issue 5). */
export const INTENT_SIGNATURE_MAX_CHARS = 64 * 1024;

export const IntentIdSchema = z.uuidv7();
export const INTENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/u;

/** Rejection codes any intent can get, whatever its type. */
export const genericIntentRejections = [
  /** The service does not know this intent type (an older service, or a mistake). */
  'sync.unknown_intent',
  /** The payload does not match the intent type's schema, or entityId does not match the payload. */
  'sync.invalid_payload',
  /** This intent id was already used for a different intent. */
  'sync.intent_conflict',
  /** This intent type must carry a signature and this one has none. */
  'sync.signature_required',
] as const;

// ---- watch.set / watch.remove (issue 4) ----

export const WatchSetPayloadSchema = named(
  'WatchSetPayload',
  z.object({ productId: IdSchema, notify: WatchNotifySchema }).strict(),
  'Watch a product (or change what a watch notifies about). entityId is the product id.',
);
export const WatchSetResultSchema = named('WatchSetResult', z.object({ watch: WatchSchema }).strict(), 'The watch as the service now keeps it.');

export const WatchRemovePayloadSchema = named(
  'WatchRemovePayload',
  z.object({ productId: IdSchema }).strict(),
  'Stop watching a product. Removing a watch that does not exist is applied, with removed: false. entityId is the product id.',
);
export const WatchRemoveResultSchema = named(
  'WatchRemoveResult',
  z.object({ productId: IdSchema, removed: z.boolean() }).strict(),
  'Whether a watch was there to remove.',
);

function orderSubmitRejections() {
  return [
    /** The CMS signature does not verify over the canonical payload (params.problem says why). */
    'order.bad_signature',
    /** The signer's certificate does not carry the orderer role. */
    'order.signer_not_orderer',
    /** The content's author is not the person whose certificate signed it. */
    'order.signer_not_author',
    /** The content names another unit than the signer's. */
    'order.wrong_unit',
    /** Unknown supplier, or a product that is not this supplier's. */
    'order.unknown_supplier',
    'order.unknown_product',
    /** A product has been withdrawn from the catalogue. */
    'order.product_withdrawn',
    /** A product cannot be paid with e-points, or a line total or the totals do not add up. */
    'order.bad_lines',
    /** The hromada code is not in the KATOTTG codifier the service holds. */
    'order.unknown_hromada',
    /** This version of this order is already with the service (nothing is duplicated). */
    'order.already_submitted',
    /** The order's state does not allow a new version now (it is not returned, nor a proposal being accepted). */
    'order.not_editable',
    /** A new version must be the next number and keep the order's kind and supplier. */
    'order.version_conflict',
  ] as const;
}

export interface IntentTypeSpec {
  /** The payload, checked by the service before the handler runs. */
  payload: z.ZodType;
  /** What `applied` carries. */
  result: z.ZodType;
  /** The entity the intent is about (its `entityId`), from its payload: the key of per-entity ordering. */
  entityId: (payload: never) => string;
  /** Whether the intent must carry a CMS signature over its payload (issue 5). */
  signature: 'none' | 'required';
  /** Business rejections particular to this type (the generic ones come on top). */
  rejections: readonly string[];
  summary: string;
}

/**
 * THE table of intent types. Adding one (order.submit, invoice.sign, …) is
 * an entry here and its handler in `src-server/sync/intents/index.ts` (the
 * compiler demands it); the push route, the OpenAPI document and the
 * rejection codes follow.
 */
export const intentTypes = {
  'watch.set': {
    payload: WatchSetPayloadSchema,
    result: WatchSetResultSchema,
    entityId: (payload: z.output<typeof WatchSetPayloadSchema>) => payload.productId,
    signature: 'none',
    rejections: [
      /** No product with this id. */
      'watch.unknown_product',
      /** The product has been withdrawn from the catalogue. */
      'watch.product_withdrawn',
    ],
    summary: 'Watch a product for restock and/or price changes',
  },
  'watch.remove': {
    payload: WatchRemovePayloadSchema,
    result: WatchRemoveResultSchema,
    entityId: (payload: z.output<typeof WatchRemovePayloadSchema>) => payload.productId,
    signature: 'none',
    rejections: [],
    summary: 'Stop watching a product',
  },
  'order.submit': {
    payload: OrderSubmitPayloadSchema,
    result: OrderResultSchema,
    entityId: (payload: z.output<typeof OrderSubmitPayloadSchema>) => payload.content.orderId,
    signature: 'required',
    rejections: orderSubmitRejections(),
    summary:
      'Submit a signed order: its first version, a new version after a return for revision, or (with promisedDate) the acceptance ' +
      'of a pre-order proposal. A line whose signed price is no longer the catalogue price makes the order `returned`, never repriced.',
  },
  'order.cancel': {
    payload: OrderCancelPayloadSchema,
    result: OrderResultSchema,
    entityId: (payload: z.output<typeof OrderCancelPayloadSchema>) => payload.orderId,
    signature: 'none',
    rejections: [
      /** No order with this id in the caller's unit. */
      'order.not_found',
      /** The order is committed (or further on), rejected or already cancelled. */
      'order.not_cancellable',
      /** The caller does not hold the orderer role. */
      'order.not_orderer',
    ],
    summary: 'Cancel an order before the agency commits it',
  },
  'order.decline_proposal': {
    payload: ProposalDeclinePayloadSchema,
    result: OrderResultSchema,
    entityId: (payload: z.output<typeof ProposalDeclinePayloadSchema>) => payload.orderId,
    signature: 'none',
    rejections: [
      'order.not_found',
      /** The order is not waiting for the unit's answer to a proposal. */
      'order.no_proposal',
      'order.not_orderer',
    ],
    summary: "Decline a supplier's pre-order proposal; the order is cancelled",
  },
  'invoice.sign': {
    payload: InvoiceSignPayloadSchema,
    result: InvoiceResultSchema,
    entityId: (payload: z.output<typeof InvoiceSignPayloadSchema>) => payload.receipt.invoiceId,
    signature: 'required',
    rejections: [
      /** No invoice with this id to the caller's unit. */
      'invoice.not_found',
      /** The CMS signature (or a PDF signature) does not verify (params.problem says why). */
      'invoice.bad_signature',
      /** The signer's certificate does not carry the receiver role. */
      'invoice.signer_not_receiver',
      /** The receipt's receivedBy is not the person whose certificate signed it, or names another unit. */
      'invoice.signer_not_author',
      /** The receipt is of another version of the invoice (its digest differs). */
      'invoice.digest_mismatch',
      /** The receipt's lines do not match the invoice's lines (product, position or shipped quantity). */
      'invoice.lines_mismatch',
      /** The unit already signed a different receipt of this invoice. */
      'invoice.already_received',
    ],
    summary: "The receiver's signed receipt of an expenditure invoice: received quantities and discrepancies",
  },
  'certificate.sign': {
    payload: CertificateSignPayloadSchema,
    result: CertificateResultSchema,
    entityId: (payload: z.output<typeof CertificateSignPayloadSchema>) => payload.certificateId,
    signature: 'required',
    rejections: [
      'certificate.not_found',
      'certificate.bad_signature',
      /** The signer's certificate does not carry the commander role. */
      'certificate.signer_not_commander',
      /** The signed content is not the certificate's (its digest differs). */
      'certificate.digest_mismatch',
      /** The certificate is not waiting for the unit's signature (already signed by the unit, or withdrawn). */
      'certificate.not_awaiting_unit',
      /** A listed invoice is not one the unit received and signed (params.invoiceNumber). */
      'certificate.invoice_not_received',
    ],
    summary: "The commander's signature of an acceptance certificate (the second of three)",
  },
} as const satisfies Record<string, IntentTypeSpec>;

export type IntentTypes = typeof intentTypes;
export type IntentType = keyof IntentTypes;
export const intentTypeNames = Object.keys(intentTypes) as IntentType[];
export type IntentPayload<T extends IntentType> = z.output<IntentTypes[T]['payload']>;
export type IntentResultData<T extends IntentType> = z.output<IntentTypes[T]['result']>;
export type IntentRejectionCodeOf<T extends IntentType> = IntentTypes[T]['rejections'][number] | (typeof genericIntentRejections)[number];

export function isIntentType(type: string): type is IntentType {
  return Object.hasOwn(intentTypes, type);
}

export const intentRejectionCodes = [
  ...new Set<string>([...genericIntentRejections, ...intentTypeNames.flatMap((type) => intentTypes[type].rejections)]),
] as [IntentRejectionCode, ...IntentRejectionCode[]];
export type IntentRejectionCode = { [T in IntentType]: IntentRejectionCodeOf<T> }[IntentType];

export const IntentRejectionCodeSchema = named('IntentRejectionCode', z.enum(intentRejectionCodes));

export const IntentSchema = named(
  'Intent',
  z
    .object({
      /** UUID v7 made by the client when the officer acted; the key of exactly-once. */
      id: IntentIdSchema,
      /** One of the intent types (an unknown one is rejected as data, sync.unknown_intent). */
      type: z.string().min(3).max(64).regex(INTENT_TYPE_PATTERN),
      /** The entity the intent is about (per-entity order is kept by the client). */
      entityId: z.string().min(1).max(128),
      /** Client clock when the officer acted: informational only, never trusted for order or validity. */
      createdAt: TimestampSchema,
      /** Checked against the type's payload schema by the service. */
      payload: z.record(z.string(), z.unknown()),
      /** Base64 detached CMS signature over the canonical payload (issue 5). */
      signature: z
        .string()
        .min(1)
        .max(INTENT_SIGNATURE_MAX_CHARS)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/u)
        .optional(),
    })
    .strict(),
);
export type Intent = z.infer<typeof IntentSchema>;

export const IntentRejectionSchema = named(
  'IntentRejection',
  z
    .object({
      code: IntentRejectionCodeSchema,
      /** English, for logs; the client shows its own translation of `code`. */
      message: z.string(),
      /** Values for the translated message (e.g. the product id). */
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .strict(),
  'Why the service refused an intent: a stable code, an English message, and values for the translation.',
);
export type IntentRejection = z.infer<typeof IntentRejectionSchema>;

const resultSchemas = intentTypeNames.map((type) => intentTypes[type].result as z.ZodType);

export const IntentAppliedSchema = named(
  'IntentApplied',
  z
    .object({
      id: IntentIdSchema,
      status: z.literal('applied'),
      /** The type's result (see intentTypes). */
      result: resultSchemas.length === 1 ? (resultSchemas[0] as z.ZodType) : z.union(resultSchemas as [z.ZodType, z.ZodType, ...z.ZodType[]]),
    })
    .strict(),
);
export const IntentRejectedSchema = named(
  'IntentRejected',
  z.object({ id: IntentIdSchema, status: z.literal('rejected'), reason: IntentRejectionSchema }).strict(),
);

export type IntentApplied<T extends IntentType = IntentType> = { id: string; status: 'applied'; result: IntentResultData<T> };
export type IntentRejected = z.output<typeof IntentRejectedSchema>;
export type IntentResult = IntentApplied | IntentRejected;

export const IntentResultSchema = named(
  'IntentResult',
  z.discriminatedUnion('status', [IntentAppliedSchema, IntentRejectedSchema]) as unknown as z.ZodType<IntentResult>,
);

export const SyncPushRequestSchema = named(
  'SyncPushRequest',
  z.object({ intents: z.array(IntentSchema).min(1).max(SYNC_PUSH_MAX_INTENTS) }).strict(),
  `Intents in outbox order (per entity, oldest first): at most ${SYNC_PUSH_MAX_INTENTS} and ${SYNC_PUSH_MAX_BYTES} bytes per request.`,
);
export type SyncPushRequest = z.infer<typeof SyncPushRequestSchema>;

export const SyncPushResponseSchema = named(
  'SyncPushResponse',
  z
    .object({
      /** One per intent sent, in the same order. */
      results: z.array(IntentResultSchema),
      serverTime: TimestampSchema,
    })
    .strict(),
);
export type SyncPushResponse = z.output<typeof SyncPushResponseSchema>;
