import { z } from 'zod';
import { named } from './registry';
import { IdSchema, PdfSignaturesSchema, TimestampSchema, UnitNumberSchema, UsernameSchema } from './common';
import { ChangeSeqSchema, KatottgCodeSchema, KopiykasSchema } from './catalogue';

/**
 * Orders (DESIGN.md, "The documents and their lifecycles"): what the orderer
 * signs, and what the service then keeps and publishes in the `orders` sync
 * scope.
 *
 * One order is placed with one supplier (each order is delivered by its
 * maker). Its id is the client's UUID v7 from the moment the cart became an
 * order; the service adds a human number when it first accepts it.
 */

/** Most lines in one order, and most of one product in one line: beyond that a form is wrong, not an order. */
export const ORDER_MAX_LINES = 200;
export const ORDER_LINE_MAX_QUANTITY = 10_000;

export const orderKinds = ['in_stock', 'preorder'] as const;
export const OrderKindSchema = named('OrderKind', z.enum(orderKinds));
export type OrderKind = z.infer<typeof OrderKindSchema>;

/** How a line is paid: money from the unit's allocations, or points of the e-points bonus programme. */
export const fundingSources = ['money', 'e_points'] as const;
export const FundingSourceSchema = named('FundingSource', z.enum(fundingSources));
export type FundingSource = z.infer<typeof FundingSourceSchema>;

/**
 * The states the service reports. `draft` and `signed` exist only on the
 * laptop (before the service has the order) and never come from the service.
 */
export const serviceOrderStatuses = [
  'preorder_requested',
  'proposal_received',
  'submitted',
  'returned',
  'rejected',
  'committed',
  'in_delivery',
  'partially_delivered',
  'delivered',
  'closed',
  'cancelled',
] as const;
export const ServiceOrderStatusSchema = named('OrderStatus', z.enum(serviceOrderStatuses));
export type ServiceOrderStatus = z.infer<typeof ServiceOrderStatusSchema>;

/** States from which the orderer may still cancel (DESIGN.md: until `committed`). */
export const cancellableStatuses: readonly ServiceOrderStatus[] = ['preorder_requested', 'proposal_received', 'submitted', 'returned'];

/** A calendar date (the unit's need, a promised delivery, a ship-by date): YYYY-MM-DD, no time zone. */
export const CalendarDateSchema = z.iso.date();

export const QuantitySchema = z.number().int().min(1).max(ORDER_LINE_MAX_QUANTITY);

// ---- what is signed ----

export const ORDER_CONTENT_SCHEMA = 'qm.order/1';

export const OrderContentLineSchema = named(
  'OrderContentLine',
  z
    .object({
      productId: IdSchema,
      sku: z.string().min(1).max(64),
      name: z.string().min(1).max(300),
      quantity: QuantitySchema,
      funding: FundingSourceSchema,
      /** Kopiykas for `money` lines, points for `e_points` lines: the price when signed, which stands. */
      unitPrice: KopiykasSchema.positive(),
      /** quantity × unitPrice. */
      total: KopiykasSchema,
    })
    .strict(),
);
export type OrderContentLine = z.infer<typeof OrderContentLineSchema>;

/**
 * THE signed form of an order. The signature is a detached CMS over the RFC
 * 8785 canonical JSON of exactly this object; every field is here because an
 * officer answers for it. Lines keep the order the officer gave them: moving
 * one is a different document.
 */
export const OrderContentSchema = named(
  'OrderContent',
  z
    .object({
      schema: z.literal(ORDER_CONTENT_SCHEMA),
      /** The order's id (UUID v7, the client's): the same through every version. */
      orderId: z.uuidv7(),
      /** 1 for the first signature; each edit after a return for revision (or acceptance of a proposal) signs the next. */
      version: z.number().int().min(1).max(1000),
      kind: OrderKindSchema,
      unit: z.object({ id: IdSchema, number: UnitNumberSchema }).strict(),
      supplier: z.object({ id: IdSchema, name: z.string().min(1).max(300) }).strict(),
      lines: z.array(OrderContentLineSchema).min(1).max(ORDER_MAX_LINES),
      totals: z.object({ moneyKopiykas: KopiykasSchema, ePoints: z.number().int().nonnegative() }).strict(),
      /** KATOTTG code of the hromada the delivery goes to (never a place more precise). */
      hromadaCode: KatottgCodeSchema,
      /** Pre-orders: the date by which the unit needs the goods. */
      neededBy: CalendarDateSchema.nullable(),
      /** When accepting a supplier's proposal: the delivery date the supplier promised and the unit accepts. */
      promisedDate: CalendarDateSchema.nullable(),
      author: z.object({ personId: IdSchema, username: UsernameSchema, fullName: z.string().min(1).max(200) }).strict(),
      /** Client clock when signed: informational; the CMS signing time and the service's receipt time are what count. */
      createdAt: TimestampSchema,
    })
    .strict()
    .refine((c) => c.kind === 'preorder' || c.neededBy === null, 'only a pre-order names the date the unit needs it'),
  'The canonical content of a signed order (RFC 8785 JSON of this object is what the CMS signature covers).',
);
export type OrderContent = z.infer<typeof OrderContentSchema>;

// ---- what the service publishes (orders scope) ----

export const OrderLineStateSchema = named(
  'OrderLineState',
  z
    .object({
      productId: IdSchema,
      quantity: QuantitySchema,
      /** From the unit's signed expenditure invoices (issue 6); 0 until then. */
      deliveredQuantity: z.number().int().nonnegative(),
      /** When the rest of this line is expected (ship-by or promised date), if known. */
      expectedDate: CalendarDateSchema.nullable(),
    })
    .strict(),
);
export type OrderLineState = z.infer<typeof OrderLineStateSchema>;

export const OrderEventSchema = named(
  'OrderEvent',
  z
    .object({
      status: ServiceOrderStatusSchema,
      /** Service clock. */
      at: TimestampSchema,
      /** Who acted: the unit's orderer, the agency, or the supplier. */
      actor: z.enum(['unit', 'agency', 'supplier', 'service']),
      /** The agency's comment (returned), reason (rejected, cancelled), or the supplier's note. */
      note: z.string().max(2000).nullable(),
    })
    .strict(),
);
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/** The PDF signatures of one signed version, per language (the same shape as a document signature's `pdf`, documents.ts). */
export const OrderPdfSignaturesSchema = PdfSignaturesSchema;

export const OrderSchema = named(
  'Order',
  z
    .object({
      id: z.uuidv7(),
      /** The service's number, e.g. ЗМ-2026-000042. */
      number: z.string().min(1).max(40),
      unitId: IdSchema,
      supplierId: IdSchema,
      kind: OrderKindSchema,
      status: ServiceOrderStatusSchema,
      /** The latest signed content the service accepted, and its signature (base64 DER CMS). */
      content: OrderContentSchema,
      signature: z.string().min(1),
      /**
       * The orderer's incremental PDF signature of the signed version's rendition in each language (base64 DER CMS;
       * src-shared/node/pdf), or null for an order signed without one. The service always sends it; optional so that
       * orders kept from before issue 6 still read.
       */
      pdfSignatures: OrderPdfSignaturesSchema.nullable().optional(),
      /** Pre-orders: the supplier's promised delivery date once proposed. */
      promisedDate: CalendarDateSchema.nullable(),
      /** Committed in-stock orders: seven days after commit. */
      shipBy: CalendarDateSchema.nullable(),
      lines: z.array(OrderLineStateSchema),
      /** Oldest first. */
      timeline: z.array(OrderEventSchema).min(1),
      submittedAt: TimestampSchema,
      updatedAt: TimestampSchema,
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
  "An order of the caller's unit as the service keeps it.",
);
export type Order = z.infer<typeof OrderSchema>;

// ---- intents (payloads; the table is src-shared/sync/intents.ts) ----

/** `order.submit`: the signed content; the intent's signature covers its canonical JSON. entityId is the order id. */
export const OrderSubmitPayloadSchema = named(
  'OrderSubmitPayload',
  z
    .object({
      content: OrderContentSchema,
      /** The orderer's PDF signatures of the content's renditions (optional: laptops from before issue 6 send none). */
      signature: z.object({ pdf: OrderPdfSignaturesSchema }).strict().optional(),
    })
    .strict(),
  'A signed order (first submission, a new version after a return for revision, or the acceptance of a pre-order proposal).',
);
export const OrderResultSchema = named('OrderResult', z.object({ order: OrderSchema }).strict(), 'The order as the service now keeps it.');

export const OrderCancelPayloadSchema = named(
  'OrderCancelPayload',
  z.object({ orderId: z.uuidv7(), reason: z.string().trim().min(1).max(500) }).strict(),
  'Cancel an order before it is committed. entityId is the order id.',
);

export const ProposalDeclinePayloadSchema = named(
  'ProposalDeclinePayload',
  z.object({ orderId: z.uuidv7() }).strict(),
  "Decline the supplier's pre-order proposal: the order is cancelled. entityId is the order id.",
);

// ---- agency and supplier actions (the service's admin API and CLI) ----

export const orderActions = ['commit', 'return', 'reject', 'propose', 'decline', 'ship'] as const;
export const OrderActionSchema = named('OrderAction', z.enum(orderActions));
export type OrderAction = z.infer<typeof OrderActionSchema>;

export const OrderActionRequestSchema = named(
  'OrderActionRequest',
  z.discriminatedUnion('action', [
    /** Agency: commit the budget and reserve stock (first come, first served). */
    z.object({ action: z.literal('commit') }).strict(),
    /** Agency: back to the orderer for revision. */
    z.object({ action: z.literal('return'), comment: z.string().trim().min(1).max(2000) }).strict(),
    /** Agency: refuse. */
    z.object({ action: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }).strict(),
    /** Supplier: answer a pre-order request with a delivery date. */
    z.object({ action: z.literal('propose'), promisedDate: CalendarDateSchema, note: z.string().trim().max(2000).optional() }).strict(),
    /** Supplier: decline a pre-order request. */
    z.object({ action: z.literal('decline'), reason: z.string().trim().min(1).max(2000) }).strict(),
    /** Supplier: the shipment of a committed order has left. */
    z.object({ action: z.literal('ship') }).strict(),
  ]),
  'An action of the agency (commit, return, reject) or of the supplier (propose, decline, ship) on an order.',
);
export type OrderActionRequest = z.infer<typeof OrderActionRequestSchema>;
