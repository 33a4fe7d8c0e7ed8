import { z } from 'zod';
import {
  CalendarDateSchema,
  FundingSourceSchema,
  OrderContentSchema,
  OrderKindSchema,
  QuantitySchema,
  serviceOrderStatuses,
} from '../service/orders';

/**
 * The API of the cart, orders and signing (issue 5), between the renderer
 * and the core. Money is integer kopiykas; e-points are whole points.
 */

const Kopiykas = z.number().int().nonnegative();
const ProductIdSchema = z.string().min(1).max(64);
const OrderIdSchema = z.string().min(1).max(64);

// ---- cart ----

/** Why a cart line cannot be ordered as it is. */
export const cartLineProblems = ['withdrawn', 'no_e_points_price'] as const;
export const CartLineProblemSchema = z.enum(cartLineProblems);

export const CartLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  sku: z.string(),
  category: z.string(),
  supplier: z.object({ id: z.string(), brand: z.string(), name: z.string() }),
  quantity: z.number().int().positive(),
  funding: FundingSourceSchema,
  /** Whether the product can be paid with e-points at all. */
  ePointsPrice: z.number().int().positive().nullable(),
  priceKopiykas: Kopiykas,
  /** Per unit in the line's funding: kopiykas for money, points for e-points. */
  unitPrice: z.number().int().nonnegative(),
  lineTotal: z.number().int().nonnegative(),
  /** What this line becomes: an in-stock order (enough stock now) or a pre-order request. */
  kind: OrderKindSchema,
  stock: z.number().int().nonnegative(),
  leadTimeDays: z.number().int().positive().nullable(),
  problem: CartLineProblemSchema.nullable(),
  addedAt: z.string(),
});
export type CartLine = z.infer<typeof CartLineSchema>;

/** One allocation's available money now, after the unit's own signed-but-unsynced orders, and after this cart too. */
export const OutlookFigureSchema = z.object({
  available: z.number().int(),
  afterPending: z.number().int(),
  afterCart: z.number().int(),
});
export type OutlookFigure = z.infer<typeof OutlookFigureSchema>;

/**
 * The budget as the cart sees it (DESIGN.md, "Funding"): what is available,
 * after the unit's own signed orders the service has not yet answered, and
 * after the cart as well. Allocation split by `splitBudget`.
 */
export const BudgetOutlookSchema = z.object({
  year: z.number().int(),
  guaranteed: OutlookFigureSchema,
  performance: OutlookFigureSchema,
  ePoints: OutlookFigureSchema,
  /** Money and points of signed orders still in the outbox (or submitted, not yet committed). */
  pending: z.object({ moneyKopiykas: Kopiykas, ePoints: z.number().int().nonnegative() }),
  /** True when, after the cart, any of the three would go below zero: signing is refused until it fits. */
  overBudget: z.boolean(),
  asOf: z.string().nullable(),
});
export type BudgetOutlook = z.infer<typeof BudgetOutlookSchema>;

export const CartSchema = z.object({
  lines: z.array(CartLineSchema),
  totals: z.object({ moneyKopiykas: Kopiykas, ePoints: z.number().int().nonnegative() }),
  /** Null before the first budget has been pulled. */
  budget: BudgetOutlookSchema.nullable(),
});
export type Cart = z.infer<typeof CartSchema>;

export const CartSetRequestSchema = z
  .object({
    productId: ProductIdSchema,
    quantity: QuantitySchema,
    funding: FundingSourceSchema.optional(),
  })
  .strict();

export const CartAddRequestSchema = z.object({ productId: ProductIdSchema, quantity: QuantitySchema.default(1) }).strict();

// ---- hromadas ----

export const HromadaOptionSchema = z.object({
  code: z.string(),
  name: z.string(),
  raionName: z.string(),
  oblastName: z.string(),
});
export type HromadaOption = z.infer<typeof HromadaOptionSchema>;

export const HromadaSearchRequestSchema = z
  .object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) })
  .strict();

// ---- orders ----

/** Local states before the service has the order, then the service's own. */
export const orderStatuses = ['draft', 'signed', ...serviceOrderStatuses] as const;
export const OrderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const orderActionsForUser = ['edit', 'sign', 'discard_draft', 'revise', 'cancel', 'accept_proposal', 'decline_proposal'] as const;
export const OrderUserActionSchema = z.enum(orderActionsForUser);
export type OrderUserAction = z.infer<typeof OrderUserActionSchema>;

export const OrderSummarySchema = z.object({
  id: z.string(),
  /** The service's number; null until the service has the order. */
  number: z.string().nullable(),
  kind: OrderKindSchema,
  status: OrderStatusSchema,
  /** An intent about this order is still in the outbox (signed, cancel or decline on its way). */
  pending: z.boolean(),
  /** An intent about this order was rejected and waits in "needs attention". */
  attention: z.boolean(),
  supplier: z.object({ id: z.string(), brand: z.string(), name: z.string() }),
  lineCount: z.number().int().nonnegative(),
  totals: z.object({ moneyKopiykas: Kopiykas, ePoints: z.number().int().nonnegative() }),
  hromada: HromadaOptionSchema.nullable(),
  neededBy: z.string().nullable(),
  promisedDate: z.string().nullable(),
  shipBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const OrderLineViewSchema = z.object({
  productId: z.string(),
  name: z.string(),
  sku: z.string(),
  quantity: z.number().int().positive(),
  funding: FundingSourceSchema,
  unitPrice: z.number().int().nonnegative(),
  lineTotal: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  outstanding: z.number().int().nonnegative(),
  expectedDate: z.string().nullable(),
  /** Drafts only: the catalogue price differs from the draft's, or the product was withdrawn. */
  problem: z.enum(['withdrawn', 'price_changed']).nullable(),
});
export type OrderLineView = z.infer<typeof OrderLineViewSchema>;

export const SignatureCheckSchema = z.object({
  valid: z.boolean(),
  /** Stable code of the failed check when not valid (translated as signature.<problem>). */
  problem: z.string().nullable(),
  signer: z.object({ fullName: z.string(), username: z.string(), roles: z.array(z.string()), unitNumber: z.string() }).nullable(),
  signingTime: z.string().nullable(),
});
export type SignatureCheck = z.infer<typeof SignatureCheckSchema>;

export const OrderDetailSchema = OrderSummarySchema.extend({
  version: z.number().int().positive(),
  lines: z.array(OrderLineViewSchema),
  timeline: z.array(z.object({ status: OrderStatusSchema, at: z.string(), actor: z.string(), note: z.string().nullable() })),
  /** The agency's comment of the latest return for revision, or the reason of a rejection, decline or cancellation. */
  comment: z.string().nullable(),
  signature: SignatureCheckSchema.nullable(),
  actions: z.array(OrderUserActionSchema),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const OrderListRequestSchema = z
  .object({
    statuses: z.array(OrderStatusSchema).max(20).optional(),
    kind: OrderKindSchema.optional(),
    supplierId: z.string().max(64).optional(),
    /** Created on or after / on or before (calendar dates, local). */
    from: CalendarDateSchema.optional(),
    to: CalendarDateSchema.optional(),
    /** Order number, supplier, product name or SKU. */
    query: z.string().max(100).optional(),
  })
  .strict();
export type OrderListRequest = z.input<typeof OrderListRequestSchema>;

export const CheckoutRequestSchema = z
  .object({
    hromadaCode: z.string().regex(/^UA\d{17}$/u),
    /** Required when the cart holds pre-order lines: the date the unit needs them. */
    neededBy: CalendarDateSchema.nullable(),
  })
  .strict();

export const DraftUpdateRequestSchema = z
  .object({
    id: OrderIdSchema,
    lines: z.array(z.object({ productId: ProductIdSchema, quantity: QuantitySchema, funding: FundingSourceSchema }).strict()).min(1).max(200),
    hromadaCode: z.string().regex(/^UA\d{17}$/u),
    neededBy: CalendarDateSchema.nullable(),
  })
  .strict();

/** Exactly what signing will sign: the content and its canonical JSON, which the dialog shows before asking for the passphrase. */
export const SigningPreviewSchema = z.object({
  orderId: z.string(),
  content: OrderContentSchema,
  canonicalJson: z.string(),
  /** SHA-256 of canonicalJson (hex): orderSign signs only this, so nothing shown can change in between. */
  digest: z.string().regex(/^[0-9a-f]{64}$/u),
  /** Whether the passphrase must be typed (false inside the grace period the settings allow). */
  passphraseRequired: z.boolean(),
  budget: BudgetOutlookSchema.nullable(),
});
export type SigningPreview = z.infer<typeof SigningPreviewSchema>;

export const OrderSignRequestSchema = z
  .object({
    id: OrderIdSchema,
    digest: z.string().regex(/^[0-9a-f]{64}$/u),
    passphrase: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const OrderIdRequestSchema = z.object({ id: OrderIdSchema }).strict();
export const OrderCancelRequestSchema = z.object({ id: OrderIdSchema, reason: z.string().trim().min(1).max(500) }).strict();

/** How long a typed passphrase lets the officer sign again without retyping it. 0: always ask. */
export const signingGraceChoices = [0, 1, 5, 15] as const;
export const SigningGraceMinutesSchema = z.union(
  signingGraceChoices.map((m) => z.literal(m)) as unknown as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<5>, z.ZodLiteral<15>],
);
export type SigningGraceMinutes = z.infer<typeof SigningGraceMinutesSchema>;
export const DEFAULT_SIGNING_GRACE_MINUTES: SigningGraceMinutes = 0;
