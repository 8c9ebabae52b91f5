/**
 * A URL-safe lower-case form of a name.
 * @example slugify('Lino & Filo, Napoli') // 'lino-filo-napoli'
 */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'bottega'
  );
}
