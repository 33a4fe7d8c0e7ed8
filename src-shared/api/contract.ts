import { z } from 'zod';
import {
  CartAddRequestSchema,
  CartSchema,
  CartSetRequestSchema,
  CheckoutRequestSchema,
  DraftUpdateRequestSchema,
  HromadaOptionSchema,
  HromadaSearchRequestSchema,
  OrderCancelRequestSchema,
  OrderDetailSchema,
  OrderIdRequestSchema,
  OrderListRequestSchema,
  OrderSignRequestSchema,
  OrderStatusSchema,
  OrderSummarySchema,
  SigningGraceMinutesSchema,
  SigningPreviewSchema,
} from './ordering';
import {
  CertificateDetailSchema,
  CertificateSummarySchema,
  DocumentCheckReportSchema,
  DocumentCheckRequestSchema,
  DocumentIdRequestSchema,
  DocumentSignRequestSchema,
  DocumentSigningPreviewSchema,
  ExportedFileSchema,
  ExportRequestSchema,
  InvoiceDetailSchema,
  InvoiceReceiptRequestSchema,
  InvoiceSummarySchema,
} from './documents';
import { PASSPHRASE_MAX_LENGTH } from './passphrase';
import { productCategories, ProductCategorySchema } from '../service/catalogue';

/**
 * The whole API the UI may call, declared once. The core's handler table,
 * the Electron IPC transport, the loopback transport and the preload are all
 * derived from this object; adding a method here is the only way to add one.
 */

export const languages = ['uk', 'en'] as const;
export const LanguageSchema = z.enum(languages);
export type Language = z.infer<typeof LanguageSchema>;

export const autoLockChoices = [1, 5, 15, 30, 60] as const;
export const AutoLockMinutesSchema = z.union(autoLockChoices.map((m) => z.literal(m)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<5>, z.ZodLiteral<15>, z.ZodLiteral<30>, z.ZodLiteral<60>]);
export type AutoLockMinutes = z.infer<typeof AutoLockMinutesSchema>;
export const DEFAULT_AUTO_LOCK_MINUTES: AutoLockMinutes = 15;

/** Length is checked here; strength is judged by the core with `assessPassphrase`. */
export const PassphraseSchema = z.string().min(1).max(PASSPHRASE_MAX_LENGTH);

const Empty = z.object({}).strict();

export const VaultStateSchema = z.enum(['setup', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultStateSchema>;

export const AppStatusSchema = z.object({
  vault: VaultStateSchema,
  /** Whether this laptop holds a device certificate; known only while unlocked (null otherwise). */
  enrolled: z.boolean().nullable(),
  /** The service address to suggest in the enrolment wizard (set by `npm start` or the environment). */
  defaultServiceUrl: z.string().nullable(),
  /** Milliseconds until another unlock attempt is accepted; 0 when none is pending. */
  retryAfterMs: z.number().int().nonnegative(),
  language: LanguageSchema,
  version: z.string(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const SettingsSchema = z.object({
  language: LanguageSchema,
  autoLockMinutes: AutoLockMinutesSchema,
  /** Minutes a typed passphrase lets the officer sign again without retyping it (0: always ask). */
  signingGraceMinutes: SigningGraceMinutesSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const LockReasonSchema = z.enum(['user', 'idle', 'suspend', 'screen_locked']);
export type LockReason = z.infer<typeof LockReasonSchema>;

export const roles = ['orderer', 'receiver', 'commander'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/** An http(s) origin with an optional path; validated again, more strictly, by the core. */
export const ServiceUrlSchema = z.string().trim().min(1).max(2048);

export const ServiceProbeSchema = z.object({
  serviceUrl: z.string(),
  service: z.string(),
  version: z.string(),
  /** SHA-256 of the service CA certificate, lower-case hex, for comparison out of band. */
  caFingerprint: z.string(),
});

export const PersonSchema = z.object({
  fullName: z.string(),
  username: z.string(),
  roles: z.array(RoleSchema),
  unit: z.object({ name: z.string(), number: z.string() }),
});
export type Person = z.infer<typeof PersonSchema>;

export const DeviceCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-256 of the certificate DER, lower-case hex. */
  fingerprint: z.string(),
});

export const IdentitySchema = z.object({
  person: PersonSchema,
  deviceId: z.string(),
  serviceUrl: z.string(),
  certificate: DeviceCertificateSchema,
  enrolledAt: z.string(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const EnrolmentStepSchema = z.enum(['vault', 'keygen', 'csr', 'certificate', 'done']);
export type EnrolmentStep = z.infer<typeof EnrolmentStepSchema>;

export const WipeReasonSchema = z.enum(['logout', 'revoked']);
export type WipeReason = z.infer<typeof WipeReasonSchema>;

// ——— Sync, catalogue, budget (issue 4) ———

export { productCategories, ProductCategorySchema, type ProductCategory } from '../service/catalogue';

export const catalogSorts = ['relevance', 'name', 'price_asc', 'price_desc', 'stock_desc'] as const;
export const CatalogSortSchema = z.enum(catalogSorts);

const Kopiykas = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const CatalogQuerySchema = z
  .object({
    /** Free text: prefix-matched words over name, maker and specifications, Cyrillic and Latin alike. */
    text: z.string().max(200).optional(),
    categories: z.array(ProductCategorySchema).max(productCategories.length).optional(),
    inStockOnly: z.boolean().optional(),
    codifiedOnly: z.boolean().optional(),
    priceMinKopiykas: Kopiykas.optional(),
    priceMaxKopiykas: Kopiykas.optional(),
    sort: CatalogSortSchema.default('relevance'),
    /** A window of the result, so a virtualised list asks only for what is on screen. */
    offset: z.number().int().nonnegative().max(1_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type CatalogQuery = z.input<typeof CatalogQuerySchema>;

export const WatchStateSchema = z.object({
  restock: z.boolean(),
  price: z.boolean(),
  /** True while the change sits in the outbox, not yet confirmed by the service. */
  pending: z.boolean(),
});
export type WatchState = z.infer<typeof WatchStateSchema>;

export const ProductCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  maker: z.string(),
  category: ProductCategorySchema,
  priceKopiykas: Kopiykas,
  ePointsPrice: z.number().int().nullable(),
  stock: z.number().int().nonnegative(),
  leadTimeDays: z.number().int().nullable(),
  codified: z.boolean(),
  watch: WatchStateSchema.nullable(),
});
export type ProductCard = z.infer<typeof ProductCardSchema>;

export const CatalogPageSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(ProductCardSchema),
});

export const ProductDetailSchema = ProductCardSchema.extend({
  sku: z.string(),
  description: z.string(),
  /** Specification rows in display order; keys are stable names the UI translates. */
  specs: z.array(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]) })),
  supplier: z.object({ id: z.string(), name: z.string(), brand: z.string(), edrpou: z.string(), city: z.string() }),
});
export type ProductDetail = z.infer<typeof ProductDetailSchema>;

export const AllocationSchema = z.object({
  allocated: Kopiykas,
  committed: Kopiykas,
  spent: Kopiykas,
  available: z.number().int(),
});
export const BudgetSummarySchema = z.object({
  year: z.number().int(),
  guaranteed: AllocationSchema,
  performance: AllocationSchema,
  /** The bonus programme, in points, not money. */
  ePoints: z.object({ balance: z.number().int().nonnegative() }),
  /** The service's clock when this figure was last received. */
  asOf: z.string().nullable(),
});
export type BudgetSummary = z.infer<typeof BudgetSummarySchema>;

export const SyncErrorSchema = z.object({ code: z.string(), message: z.string(), at: z.string() });

export const SyncStatusSchema = z.object({
  /** Decided by reaching the service, never by navigator.onLine; null before the first attempt. */
  online: z.boolean().nullable(),
  syncing: z.boolean(),
  lastSyncAt: z.string().nullable(),
  pendingIntents: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  lastError: SyncErrorSchema.nullable(),
  /** Present during the first sync of a new laptop: rows received per scope so far. */
  firstSync: z
    .object({ received: z.number().int().nonnegative(), byScope: z.record(z.string(), z.number().int().nonnegative()) })
    .nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const AttentionItemSchema = z.object({
  intentId: z.string(),
  type: z.string(),
  entityId: z.string(),
  /** The label the UI shows for the entity (e.g. the product name). */
  entityLabel: z.string().nullable(),
  reason: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  createdAt: z.string(),
  rejectedAt: z.string(),
  actions: z.array(z.enum(['discard', 'edit'])),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const ProductNotificationSchema = z.object({
  kind: z.enum(['restock', 'price']),
  productId: z.string(),
  productName: z.string(),
  previousPriceKopiykas: Kopiykas.optional(),
  priceKopiykas: Kopiykas.optional(),
  stock: z.number().int().optional(),
});
/** A pulled change of an order's status (the service's, never the laptop's own signing). */
export const OrderStatusNotificationSchema = z.object({
  kind: z.literal('order_status'),
  orderId: z.string(),
  /** The service's number, e.g. ЗМ-2026-000042. */
  orderNumber: z.string(),
  supplierBrand: z.string(),
  status: OrderStatusSchema,
  previousStatus: OrderStatusSchema.nullable(),
});
/** A delivery document arrived or moved: an invoice to receive, a certificate to sign, a certificate completed or paid. */
export const DocumentNotificationSchema = z.object({
  kind: z.literal('document'),
  document: z.enum(['invoice', 'certificate']),
  id: z.string(),
  number: z.string(),
  supplierName: z.string(),
  status: z.string(),
});
export const NotificationSchema = z.union([ProductNotificationSchema, OrderStatusNotificationSchema, DocumentNotificationSchema]);
export type AppNotification = z.infer<typeof NotificationSchema>;

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const apiContract = {
  appStatus: method(Empty, AppStatusSchema),
  // The vault is created by enrolmentComplete (the wizard's passphrase step); there is no separate setup.
  vaultUnlock: method(z.object({ passphrase: PassphraseSchema }).strict(), Empty),
  vaultLock: method(Empty, Empty),
  vaultChangePassphrase: method(
    z.object({ current: PassphraseSchema, next: PassphraseSchema }).strict(),
    Empty,
  ),
  settingsGet: method(Empty, SettingsSchema),
  settingsUpdate: method(SettingsSchema.partial().strict(), SettingsSchema),
  /** The renderer reports user activity (throttled) so idle auto-lock can be judged in one place. */
  sessionActivity: method(Empty, Empty),

  /** Wizard step 1: is there a Quartermaster service at this address? */
  serviceProbe: method(z.object({ serviceUrl: ServiceUrlSchema }).strict(), ServiceProbeSchema),
  /**
   * Wizard steps 2–3: password, TOTP and the one-time enrolment code. The
   * short-lived enrolment token stays in the core; the UI learns who logged in.
   */
  enrolmentLogin: method(
    z
      .object({
        serviceUrl: ServiceUrlSchema,
        username: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(256),
        enrolmentCode: z.string().trim().min(1).max(32),
        totp: z.string().trim().regex(/^\d{6}$/),
      })
      .strict(),
    z.object({ person: PersonSchema }),
  ),
  /**
   * Wizard steps 4–5: creates the vault (passphrase required when none exists
   * yet), generates the key pair off the UI path, sends the CSR and stores the
   * certificate. Progress arrives as `enrolment` events.
   */
  enrolmentComplete: method(z.object({ passphrase: PassphraseSchema.optional() }).strict(), IdentitySchema),
  identityGet: method(Empty, IdentitySchema),
  /** Tells the service (when reachable) and wipes every local file of this laptop's profile. */
  logout: method(z.object({ confirm: z.literal(true) }).strict(), Empty),

  syncStatus: method(Empty, SyncStatusSchema),
  /** Sync now (the button); answers once the attempt has finished, successfully or not. */
  syncNow: method(Empty, SyncStatusSchema),
  catalogSearch: method(CatalogQuerySchema, CatalogPageSchema),
  productGet: method(z.object({ id: z.string().min(1).max(64) }).strict(), ProductDetailSchema),
  budgetGet: method(Empty, BudgetSummarySchema.nullable()),
  /** Queues a `watch.set` intent; the watch shows at once as pending. */
  watchSet: method(
    z.object({ productId: z.string().min(1).max(64), notify: z.object({ restock: z.boolean(), price: z.boolean() }).strict() }).strict(),
    WatchStateSchema,
  ),
  watchRemove: method(z.object({ productId: z.string().min(1).max(64) }).strict(), Empty),
  attentionList: method(Empty, z.array(AttentionItemSchema)),
  attentionDiscard: method(z.object({ intentId: z.string().min(1).max(64) }).strict(), Empty),

  // ---- cart, orders, signing (issue 5; schemas in ordering.ts) ----
  cartGet: method(Empty, CartSchema),
  /** Adds to the line's quantity (a new line is paid with money). */
  cartAdd: method(CartAddRequestSchema, CartSchema),
  /** Sets a line's quantity (and funding); creates the line if absent. */
  cartSet: method(CartSetRequestSchema, CartSchema),
  cartRemove: method(z.object({ productId: z.string().min(1).max(64) }).strict(), CartSchema),
  cartClear: method(Empty, CartSchema),
  hromadaSearch: method(HromadaSearchRequestSchema, z.array(HromadaOptionSchema)),
  /**
   * Turns the orderable cart lines into local draft orders, one per supplier
   * and kind (in stock / pre-order), and takes them out of the cart, in one
   * transaction. Refused with the reason when a line has a problem or the
   * cart is over budget.
   */
  cartCheckout: method(CheckoutRequestSchema, z.array(OrderSummarySchema)),
  orderList: method(OrderListRequestSchema, z.array(OrderSummarySchema)),
  orderGet: method(OrderIdRequestSchema, OrderDetailSchema),
  orderUpdateDraft: method(DraftUpdateRequestSchema, OrderDetailSchema),
  orderDiscardDraft: method(OrderIdRequestSchema, Empty),
  /** What signing this draft would sign, exactly (content fixed from here until signed or edited). */
  orderSigningPreview: method(OrderIdRequestSchema, SigningPreviewSchema),
  /** Signs the previewed content and queues `order.submit`, durably, before answering. */
  orderSign: method(OrderSignRequestSchema, OrderDetailSchema),
  /** A returned order → a new draft version at today's prices; a proposal → a draft that accepts its promised date. */
  orderRevise: method(OrderIdRequestSchema, OrderDetailSchema),
  orderAcceptProposal: method(OrderIdRequestSchema, OrderDetailSchema),
  orderDeclineProposal: method(OrderIdRequestSchema, OrderDetailSchema),
  orderCancel: method(OrderCancelRequestSchema, OrderDetailSchema),

  // ---- delivery documents (issue 6; schemas in documents.ts) ----
  invoiceList: method(Empty, z.array(InvoiceSummarySchema)),
  invoiceGet: method(DocumentIdRequestSchema, InvoiceDetailSchema),
  /** Builds the receipt from the received quantities and discrepancies and shows exactly what will be signed. */
  invoiceReceiptPreview: method(InvoiceReceiptRequestSchema, DocumentSigningPreviewSchema),
  /** Signs the previewed receipt (and the invoice's PDF renditions) and queues `invoice.sign`, durably, before answering. */
  invoiceSign: method(DocumentSignRequestSchema, InvoiceDetailSchema),
  certificateList: method(Empty, z.array(CertificateSummarySchema)),
  certificateGet: method(DocumentIdRequestSchema, CertificateDetailSchema),
  certificateSigningPreview: method(DocumentIdRequestSchema, DocumentSigningPreviewSchema),
  certificateSign: method(DocumentSignRequestSchema, CertificateDetailSchema),
  /** A document as a file to save: its PDF with every signature embedded, one signature as .p7s, or the signed JSON. */
  documentExport: method(ExportRequestSchema, ExportedFileSchema),
  /** Checks, offline, a signed PDF or a document and its .p7s opened from disk. */
  documentCheck: method(DocumentCheckRequestSchema, DocumentCheckReportSchema),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export const apiMethods = Object.keys(apiContract) as ApiMethod[];

export type ApiRequest<M extends ApiMethod> = z.input<ApiContract[M]['request']>;
export type ApiResponse<M extends ApiMethod> = z.output<ApiContract[M]['response']>;

/** The shape the renderer sees: one async function per method. */
export type Api = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/** Pushed from the core to the UI. */
export const CoreEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('locked'), reason: LockReasonSchema }),
  z.object({ type: z.literal('unlocked') }),
  z.object({ type: z.literal('settings'), settings: SettingsSchema }),
  z.object({ type: z.literal('enrolment'), step: EnrolmentStepSchema }),
  z.object({ type: z.literal('wiped'), reason: WipeReasonSchema }),
  z.object({ type: z.literal('sync'), status: SyncStatusSchema }),
  /** Local data changed (a pulled page or a local intent): views re-query what they show. */
  z.object({ type: z.literal('data_changed'), scopes: z.array(z.string()) }),
  z.object({ type: z.literal('notification'), notification: NotificationSchema }),
]);
export type CoreEvent = z.infer<typeof CoreEventSchema>;
