import type { Strings } from '../catalogue.ts';
import { candidates } from './da.candidates.ts';
import { desk } from './da.desk.ts';
import { errors } from './da.errors.ts';
import { formOnly } from './da.form-only.ts';
import { formLabels } from './da.form.ts';
import { list } from './da.list.ts';
import { orders } from './da.orders.ts';
import { page } from './da.page.ts';
import { da as core } from './da.ts';

/**
 * The whole Danish catalogue in one object, typed as `Strings`, so a missing Danish word is a
 * compile error as before the split. For tests and tools only: the bundles load the parts with
 * the elements that use them.
 */
export const da: Strings = { ...core, ...orders, ...list, form: { ...formLabels.form, ...formOnly.form }, ...errors, ...candidates, problems: { ...core.problems, ...candidates.problems }, ...desk, ...page };
