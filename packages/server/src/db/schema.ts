import type { Generated } from 'kysely';

/**
 * The tables of Bottega, one set for SQLite and PostgreSQL. Instants are
 * UTC epoch milliseconds; money is integer cents; rates are basis points;
 * booleans are 0/1 integers so both databases agree.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  shops: ShopsTable;
  shop_members: ShopMembersTable;
  coops: CoopsTable;
  coop_shops: CoopShopsTable;
  coop_managers: CoopManagersTable;
  products: ProductsTable;
  variants: VariantsTable;
  drops: DropsTable;
  drop_items: DropItemsTable;
  drop_pickups: DropPickupsTable;
  popups: PopupsTable;
  slots: SlotsTable;
  hubs: HubsTable;
  holds: HoldsTable;
  hold_lines: HoldLinesTable;
  customers: CustomersTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  stock_movements: StockMovementsTable;
  drop_events: DropEventsTable;
  subscribers: SubscribersTable;
  idempotency_keys: IdempotencyKeysTable;
  mail_outbox: MailOutboxTable;
}

type Instant = number;
type Flag = 0 | 1;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Instant;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: Instant;
  expires_at: Instant;
}

export type ShopRole = 'owner' | 'staff' | 'stall';

export interface ShopsTable {
  id: string;
  name: string;
  slug: string;
  created_at: Instant;
}

export interface ShopMembersTable {
  shop_id: string;
  user_id: string;
  role: ShopRole;
}

export interface CoopsTable {
  id: string;
  name: string;
  city: string;
  created_at: Instant;
}

export interface CoopShopsTable {
  coop_id: string;
  shop_id: string;
}

export interface CoopManagersTable {
  coop_id: string;
  user_id: string;
}

export interface ProductsTable {
  id: string;
  shop_id: string;
  name: string;
  description: string;
  created_at: Instant;
}

export interface VariantsTable {
  id: string;
  shop_id: string;
  product_id: string;
  name: string;
  sku: string | null;
  price_cents: number;
  iva_rate_bp: number;
  unit_cost_cents: number;
}

export type StoredDropStatus =
  'draft' | 'scheduled' | 'confirmed' | 'failed' | 'fulfilled';

export interface DropsTable {
  id: string;
  shop_id: string;
  title: string;
  status: StoredDropStatus;
  opens_at: Instant;
  closes_at: Instant;
  minimum_units: number | null;
  contingency_bp: number;
  production_date: Instant | null;
  packing_date: Instant | null;
  shipping: Flag;
  /** Last event number of the drop's live stream; gapless, in commit order. */
  event_seq: number;
  settled_at: Instant | null;
  created_at: Instant;
}

export interface DropItemsTable {
  id: string;
  drop_id: string;
  shop_id: string;
  variant_id: string;
  cap: number;
  contingency: number;
  claimed: number;
  wholesale_claimed: number;
}

/** Which pop-ups and hubs a drop offers for pickup. */
export interface DropPickupsTable {
  drop_id: string;
  popup_id: string | null;
  hub_id: string | null;
}

export interface PopupsTable {
  id: string;
  shop_id: string;
  coop_id: string | null;
  name: string;
  place: string;
  starts_at: Instant;
  ends_at: Instant;
}

export interface SlotsTable {
  id: string;
  popup_id: string;
  shop_id: string;
  starts_at: Instant;
  ends_at: Instant;
  capacity: number;
  claimed: number;
}

export interface HubsTable {
  id: string;
  coop_id: string;
  name: string;
  kind: 'locker' | 'bench';
  address: string;
  capacity: number;
  claimed: number;
}

export type HoldStatus = 'active' | 'converted' | 'expired' | 'released';

export interface HoldsTable {
  id: string;
  drop_id: string;
  shop_id: string;
  status: HoldStatus;
  created_at: Instant;
  expires_at: Instant;
}

export interface HoldLinesTable {
  hold_id: string;
  variant_id: string;
  quantity: number;
}

export interface CustomersTable {
  id: string;
  shop_id: string;
  email: string;
  name: string;
  created_at: Instant;
}

export type OrderStatus = 'placed' | 'confirmed' | 'cancelled' | 'fulfilled';
export type OrderChannel =
  'online_presale' | 'social_referral' | 'walk_in' | 'wholesale';
export type FulfilmentKind = 'slot' | 'hub' | 'shipping';

export interface OrdersTable {
  id: string;
  shop_id: string;
  drop_id: string;
  customer_id: string;
  status: OrderStatus;
  channel: OrderChannel;
  ref: string | null;
  utm_source: string | null;
  fulfilment: FulfilmentKind;
  slot_id: string | null;
  hub_id: string | null;
  /** JSON of the shipping address. */
  shipping_address: string | null;
  pickup_code: string;
  total_cents: number;
  iva_cents: number;
  created_at: Instant;
  cancelled_at: Instant | null;
  cancel_reason: string | null;
}

export interface OrderLinesTable {
  order_id: string;
  variant_id: string;
  quantity: number;
  unit_price_cents: number;
  iva_rate_bp: number;
}

export type Counter = 'drop_item' | 'slot' | 'hub';
export type MovementReason =
  | 'hold'
  | 'hold_expired'
  | 'hold_released'
  | 'order'
  | 'wholesale'
  | 'order_cancelled'
  | 'drop_failed'
  | 'picked_up';

/** The append-only history of every claim (+) and release (−). */
export interface StockMovementsTable {
  id: Generated<number>;
  shop_id: string;
  counter: Counter;
  counter_id: string;
  delta: number;
  /** The share of delta that is wholesale (drop items only). */
  wholesale_delta: number;
  reason: MovementReason;
  hold_id: string | null;
  order_id: string | null;
  at: Instant;
}

export interface DropEventsTable {
  drop_id: string;
  seq: number;
  payload: string;
  at: Instant;
}

export interface SubscribersTable {
  id: string;
  shop_id: string;
  email: string;
  consent_at: Instant;
  consent_text: string;
  source: string;
  unsubscribed_at: Instant | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'in_progress' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: Instant;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  created_at: Instant;
  sent_at: Instant | null;
}
