import { DropItemStock, dropPhase, type DropPhase } from '@bottega/domain';
import { z } from 'zod';
import type {
  DropItemRow,
  DropRow,
  HubOptionRow,
  SlotOptionRow,
} from './drop-queries';
import type { DropOrderTotals, DropTotals } from './maker-drop-queries';
import { toWindow } from './public-drop';

const Instant = z.iso.datetime();
const Count = z.number().int();

/** A drop in the maker's list. */
export const MakerDropSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  phase: z.enum([
    'draft',
    'scheduled',
    'open',
    'closed',
    'confirmed',
    'failed',
    'fulfilled',
  ] satisfies DropPhase[]),
  opensAt: Instant,
  closesAt: Instant,
  minimumUnits: Count.nullable(),
  contingencyBp: Count,
  cap: Count,
  contingency: Count,
  claimed: Count,
  wholesaleClaimed: Count,
  orders: Count,
  unitsOrdered: Count,
  createdAt: Instant,
});
export type MakerDropSummary = z.infer<typeof MakerDropSummarySchema>;

/** One variant of a drop with every counter of the ledger. */
export const MakerDropItemSchema = z.object({
  variantId: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  variantName: z.string(),
  priceCents: Count,
  ivaRateBp: Count,
  cap: Count,
  contingency: Count,
  claimed: Count,
  wholesaleClaimed: Count,
  /** What consumers can still order (the contingency kept back). */
  available: Count,
  /** What a wholesale order can still claim, contingency included. */
  wholesaleAvailable: Count,
});
export type MakerDropItem = z.infer<typeof MakerDropItemSchema>;

/** How far a drop is from its all-or-nothing minimum. */
export const MinimumProgressSchema = z.object({
  minimumUnits: Count.nullable(),
  unitsOrdered: Count,
  /** Units still needed; 0 when reached or when there is no minimum. */
  unitsToGo: Count,
  reached: z.boolean(),
});
export type MinimumProgress = z.infer<typeof MinimumProgressSchema>;

/** A drop as its maker sees it. */
export const MakerDropSchema = MakerDropSummarySchema.extend({
  productionDate: Instant.nullable(),
  packingDate: Instant.nullable(),
  items: z.array(MakerDropItemSchema),
  progress: MinimumProgressSchema,
  pickup: z.object({
    slots: z.array(
      z.object({
        slotId: z.uuid(),
        popupId: z.uuid(),
        popupName: z.string(),
        startsAt: Instant,
        endsAt: Instant,
        capacity: Count,
        remaining: Count,
      }),
    ),
    hubs: z.array(
      z.object({
        hubId: z.uuid(),
        name: z.string(),
        kind: z.enum(['locker', 'bench']),
        capacity: Count,
        remaining: Count,
      }),
    ),
    shipping: z.boolean(),
  }),
});
export type MakerDrop = z.infer<typeof MakerDropSchema>;

const NO_TOTALS: DropTotals = {
  cap: 0,
  contingency: 0,
  claimed: 0,
  wholesaleClaimed: 0,
};
const NO_ORDERS: DropOrderTotals = { orders: 0, unitsOrdered: 0 };

function iso(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}

/** Shapes a drop with its totals for the maker's list. */
export function presentMakerDropSummary(
  drop: DropRow,
  totals: DropTotals | undefined,
  orders: DropOrderTotals | undefined,
  now: number,
): MakerDropSummary {
  const counters = totals ?? NO_TOTALS;
  const ordered = orders ?? NO_ORDERS;
  return {
    id: drop.id,
    title: drop.title,
    phase: dropPhase(drop.status, toWindow(drop), now),
    opensAt: new Date(drop.opens_at).toISOString(),
    closesAt: new Date(drop.closes_at).toISOString(),
    minimumUnits: drop.minimum_units,
    contingencyBp: drop.contingency_bp,
    cap: counters.cap,
    contingency: counters.contingency,
    claimed: counters.claimed,
    wholesaleClaimed: counters.wholesaleClaimed,
    orders: ordered.orders,
    unitsOrdered: ordered.unitsOrdered,
    createdAt: new Date(drop.created_at).toISOString(),
  };
}

/** Shapes one drop in full for its maker. */
export function presentMakerDrop(
  drop: DropRow,
  items: DropItemRow[],
  orders: DropOrderTotals | undefined,
  slots: SlotOptionRow[],
  hubs: HubOptionRow[],
  now: number,
): MakerDrop {
  const totals = items.reduce<DropTotals>(
    (sum, item) => ({
      cap: sum.cap + item.cap,
      contingency: sum.contingency + item.contingency,
      claimed: sum.claimed + item.claimed,
      wholesaleClaimed: sum.wholesaleClaimed + item.wholesale_claimed,
    }),
    NO_TOTALS,
  );
  const summary = presentMakerDropSummary(drop, totals, orders, now);
  return {
    ...summary,
    productionDate: iso(drop.production_date),
    packingDate: iso(drop.packing_date),
    items: items.map(presentItem),
    progress: minimumProgress(drop.minimum_units, summary.unitsOrdered),
    pickup: {
      slots: slots.map((slot) => ({
        slotId: slot.id,
        popupId: slot.popup_id,
        popupName: slot.popup_name,
        startsAt: new Date(slot.starts_at).toISOString(),
        endsAt: new Date(slot.ends_at).toISOString(),
        capacity: slot.capacity,
        remaining: slot.capacity - slot.claimed,
      })),
      hubs: hubs.map((hub) => ({
        hubId: hub.id,
        name: hub.name,
        kind: hub.kind,
        capacity: hub.capacity,
        remaining: hub.capacity - hub.claimed,
      })),
      shipping: drop.shipping === 1,
    },
  };
}

function presentItem(item: DropItemRow): MakerDropItem {
  const stock = {
    cap: item.cap,
    contingency: item.contingency,
    claimed: item.claimed,
    wholesaleClaimed: item.wholesale_claimed,
  };
  return {
    variantId: item.variant_id,
    productId: item.product_id,
    productName: item.product_name,
    variantName: item.variant_name,
    priceCents: item.price_cents,
    ivaRateBp: item.iva_rate_bp,
    cap: item.cap,
    contingency: item.contingency,
    claimed: item.claimed,
    wholesaleClaimed: item.wholesale_claimed,
    available: DropItemStock.consumerAvailable(stock),
    wholesaleAvailable: DropItemStock.wholesaleAvailable(stock),
  };
}

/**
 * How far ordered units are from the minimum.
 * @example minimumProgress(100, 60) // { unitsToGo: 40, reached: false, … }
 */
export function minimumProgress(
  minimumUnits: number | null,
  unitsOrdered: number,
): MinimumProgress {
  const unitsToGo =
    minimumUnits === null ? 0 : Math.max(0, minimumUnits - unitsOrdered);
  return { minimumUnits, unitsOrdered, unitsToGo, reached: unitsToGo === 0 };
}
