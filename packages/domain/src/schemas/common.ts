import { z } from 'zod';

/** An entity id: a UUID made by the server. */
export const IdSchema = z.uuid({ message: 'must be an id (UUID)' });

/** An instant as an ISO 8601 string with its offset. */
export const InstantSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with an offset',
});

/** Integer euro cents, up to one million euro. */
export const CentsSchema = z.number().int().min(0).max(100_000_000);

/** Integer basis points, 0 to 10000 (100 %). */
export const BasisPointsSchema = z.number().int().min(0).max(10_000);

/** A quantity of units on one line of a cart or an order. */
export const QuantitySchema = z.number().int().min(1).max(1000);

/** A short human name or label. */
export const NameSchema = z.string().trim().min(1).max(120);

/** An email address, lower-cased. */
export const EmailSchema = z
  .email({ message: 'must be an email address' })
  .max(254)
  .transform((email) => email.toLowerCase());
