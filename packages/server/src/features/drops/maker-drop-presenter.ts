import { DropItemStock, dropPhase, type DropPhase } from '@bottega/domain';
import type {
  DropItemRow,
  DropRow,
  HubOptionRow,
  SlotOptionRow,
} from './drop-queries';
import type { DropOrderTotals, DropTotals } from './maker-drop-queries';
import { toWindow } from './public-drop';

/** A drop in the maker's list. */
export interface MakerDropSummary {
  id: string;
  title: string;
  phase: DropPhase;
  opensAt: string;
  closesAt: string;
  minimumUnits: number | null;
  contingencyBp: number;
  cap: number;
  contingency: number;
  claimed: number;
  wholesaleClaimed: number;
  orders: number;
  unitsOrdered: number;
  createdAt: string;
}

/** One variant of a drop with every counter of the ledger. */
export interface MakerDropItem {
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  priceCents: number;
  ivaRateBp: number;
  cap: number;
  contingency: number;
  claimed: number;
  wholesaleClaimed: number;
  /** What consumers can still order (the contingency kept back). */
  available: number;
  /** What a wholesale order can still claim, contingency included. */
  wholesaleAvailable: number;
}

/** How far a drop is from its all-or-nothing minimum. */
export interface MinimumProgress {
  minimumUnits: number | null;
  unitsOrdered: number;
  /** Units still needed; 0 when reached or when there is no minimum. */
  unitsToGo: number;
  reached: boolean;
}

/** A drop as its maker sees it. */
export interface MakerDrop extends MakerDropSummary {
  productionDate: string | null;
  packingDate: string | null;
  items: MakerDropItem[];
  progress: MinimumProgress;
  pickup: {
    slots: {
      slotId: string;
      popupId: string;
      popupName: string;
      startsAt: string;
      endsAt: string;
      capacity: number;
      remaining: number;
    }[];
    hubs: {
      hubId: string;
      name: string;
      kind: 'locker' | 'bench';
      capacity: number;
      remaining: number;
    }[];
    shipping: boolean;
  };
}

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
