import { z } from 'zod';
import { named } from './registry';
import { IdSchema, TimestampSchema } from './common';
import { isValidEdrpou } from './edrpou';

/**
 * The shapes of what the service publishes for sync: the catalogue
 * (suppliers and products), reference data (hromadas), budgets and watch
 * lists. Each row carries the service-wide `changeSeq` it was last written
 * at; the sync pull (src-shared/sync) pages a scope by it, never by clock.
 */

export const ChangeSeqSchema = z.number().int().nonnegative();
/** Money is integer kopiykas, never floats (DESIGN.md). */
export const KopiykasSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const EdrpouSchema = z.string().refine(isValidEdrpou, 'not a valid ЄДРПОУ code (8 digits, mod-11 check digit)');

export const productCategories = [
  'fpv_strike',
  'recon_quadcopter',
  'fixed_wing_recon',
  'heavy_bomber',
  'interceptor',
  'ew',
  'ground_robot',
  'component',
] as const;
export const ProductCategorySchema = named('ProductCategory', z.enum(productCategories));
export type ProductCategory = z.infer<typeof ProductCategorySchema>;

export const VideoLinkSchema = named('VideoLink', z.enum(['analogue', 'digital', 'fibre_optic']));

/**
 * Technical characteristics as the product card shows them. Every field is
 * optional because a battery has no video band and a jammer no payload; the
 * units are in the names so a value is never ambiguous.
 */
export const ProductSpecsSchema = named(
  'ProductSpecs',
  z
    .object({
      /** Radio control link, e.g. "720–1020 MHz (ELRS)". */
      controlBands: z.array(z.string().min(1)).min(1).optional(),
      /** Video downlink bands, e.g. "5.8 GHz"; absent for fibre-optic video. */
      videoBands: z.array(z.string().min(1)).min(1).optional(),
      videoLink: VideoLinkSchema.optional(),
      camera: z.string().min(1).optional(),
      thermalCamera: z.boolean().optional(),
      frameSizeInch: z.number().positive().optional(),
      rangeKm: z.number().positive().optional(),
      fibreLengthKm: z.number().positive().optional(),
      payloadKg: z.number().nonnegative().optional(),
      flightTimeMin: z.number().positive().optional(),
      maxSpeedKmh: z.number().positive().optional(),
      weightKg: z.number().positive().optional(),
      /** EW: bands suppressed or detected. */
      coveredBands: z.array(z.string().min(1)).min(1).optional(),
      outputPowerW: z.number().positive().optional(),
      coverageRadiusM: z.number().positive().optional(),
      /** Ground robots. */
      drive: z.enum(['tracked', 'wheeled']).optional(),
      enduranceHours: z.number().positive().optional(),
      /** Batteries. */
      capacityMah: z.number().int().positive().optional(),
      cellConfiguration: z.string().min(1).optional(),
      chemistry: z.string().min(1).optional(),
      /** Goggles, ground stations. */
      display: z.string().min(1).optional(),
      powerSupply: z.string().min(1).optional(),
      notes: z.string().min(1).optional(),
    })
    .strict(),
);
export type ProductSpecs = z.infer<typeof ProductSpecsSchema>;

export const SupplierSchema = named(
  'Supplier',
  z
    .object({
      id: IdSchema,
      /** Legal name as on primary documents, e.g. ТОВ «Вежа Дрон». */
      name: z.string().min(1),
      /** Short trade name shown on product cards. */
      brand: z.string().min(1),
      edrpou: EdrpouSchema,
      city: z.string().min(1),
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
);
export type Supplier = z.infer<typeof SupplierSchema>;

export const ProductSchema = named(
  'Product',
  z
    .object({
      id: IdSchema,
      supplierId: IdSchema,
      sku: z.string().min(1),
      name: z.string().min(1),
      category: ProductCategorySchema,
      description: z.string().min(1),
      specs: ProductSpecsSchema,
      priceKopiykas: KopiykasSchema.positive(),
      /** Price in the e-points bonus programme, when the item is offered there. */
      ePointsPrice: z.number().int().positive().nullable(),
      stock: z.number().int().nonnegative(),
      /** Days from a confirmed pre-order to delivery; required when out of stock. */
      leadTimeDays: z.number().int().positive().nullable(),
      /** Included in the Ministry of Defence codification (only codified items were offered at launch). */
      codified: z.boolean(),
      active: z.boolean(),
      changeSeq: ChangeSeqSchema,
    })
    .strict()
    .refine((p) => p.stock > 0 || p.leadTimeDays !== null, 'an out-of-stock product needs a lead time for pre-orders'),
);
export type Product = z.infer<typeof ProductSchema>;

export const BudgetSchema = named(
  'Budget',
  z
    .object({
      unitId: IdSchema,
      year: z.number().int().min(2024).max(2100),
      guaranteedKopiykas: KopiykasSchema,
      performanceKopiykas: KopiykasSchema,
      committedKopiykas: KopiykasSchema,
      spentKopiykas: KopiykasSchema,
      ePoints: z.number().int().nonnegative(),
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
);
export type Budget = z.infer<typeof BudgetSchema>;

/** KATOTTG codes: "UA" and 17 digits. */
export const KatottgCodeSchema = z.string().regex(/^UA\d{17}$/u);

export const HromadaSchema = named(
  'Hromada',
  z
    .object({
      code: KatottgCodeSchema,
      name: z.string().min(1),
      raionCode: KatottgCodeSchema,
      raionName: z.string().min(1),
      oblastCode: KatottgCodeSchema,
      oblastName: z.string().min(1),
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
);
export type Hromada = z.infer<typeof HromadaSchema>;

/**
 * One product on a person's watch list: the officer asked to be told when it
 * is back in stock (`restock`) or its price changes (`price`). The service
 * keeps the list per person (the `watch.set` and `watch.remove` intents write
 * it) and publishes it in the `watches` sync scope; the client raises the
 * notification when a pulled product change matches a watch.
 */
export const WatchNotifySchema = named(
  'WatchNotify',
  z
    .object({ restock: z.boolean(), price: z.boolean() })
    .strict()
    .refine((n) => n.restock || n.price, 'a watch must ask for at least one notification (restock or price)'),
);
export type WatchNotify = z.infer<typeof WatchNotifySchema>;

export const WatchSchema = named(
  'Watch',
  z
    .object({
      productId: IdSchema,
      notify: WatchNotifySchema,
      /** Service clock: when the product was first watched, and when the watch last changed. */
      createdAt: TimestampSchema,
      updatedAt: TimestampSchema,
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
);
export type Watch = z.infer<typeof WatchSchema>;

// Deleted rows reach clients as `op: 'delete'` changes of the sync pull (src-shared/sync/changes.ts).
