import { CreateDropSchema } from '@bottega/domain';

/**
 * `POST /api/shops/:shopId/drops` body: the shared schema, with each
 * pop-up and hub named at most once (a repeated id would offer its slots
 * twice on the drop's page).
 * TODO: move the check into CreateDropSchema in @bottega/domain; then
 * use that schema directly.
 */
export const MakerCreateDropSchema = CreateDropSchema.superRefine(
  (drop, context) => {
    for (const field of ['popupIds', 'hubIds'] as const) {
      if (new Set(drop[field]).size !== drop[field].length) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'each id may appear once',
        });
      }
    }
  },
);
